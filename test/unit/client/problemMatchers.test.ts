import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Matcher { name: string; severity: string; pattern: { regexp: string; file: number; line?: number; message: number } }
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const matchers: Matcher[] = manifest.contributes.problemMatchers;

function match(line: string): { matcher: string; file: string; line?: string; message: string; severity: string } | null {
  for (const m of matchers) {
    const r = new RegExp(m.pattern.regexp).exec(line);
    if (r) return { matcher: m.name, file: r[m.pattern.file], line: m.pattern.line ? r[m.pattern.line] : undefined, message: r[m.pattern.message], severity: m.severity };
  }
  return null;
}

describe('problem matchers for gem5 and SST output (domain-spec §6.4)', () => {
  it('turns a gem5 C++ fatal into an error at file:line', () => {
    assert.deepEqual(match('build/ARM/mem/physical.cc:462: fatal: Memory range size has changed! Saw 2147483648, expected 1073741824'), {
      matcher: 'gem5-fatal', file: 'mem/physical.cc', line: '462', severity: 'error',
      message: 'Memory range size has changed! Saw 2147483648, expected 1073741824' });
    assert.equal(match('src/sim/serialize.cc:240: panic: something')?.severity, 'error');
  });

  it('turns a gem5 warning into a warning', () => {
    assert.equal(match('src/sim/globals.cc:95: warn: Checkpoint is missing the following version tags:')?.severity, 'warning');
  });

  it('points a missing checkpoint or store at the path gem5 names', () => {
    const r = match("fatal: Can't load checkpoint file 'ckpts/test-to-restore0//m5.cpt'.");
    assert.equal(r?.matcher, 'gem5-checkpoint');
    assert.equal(r?.file, 'ckpts/test-to-restore0//m5.cpt');
    assert.equal(match("src/mem/physical.cc:447: fatal: Can't open physical memory checkpoint file 'board.physmem.store0.pmem'")?.severity, 'error');
  });

  it('reports argparse errors at the script', () => {
    assert.deepEqual(match('arm-sst-checkpoint.py: error: the following arguments are required: --take-ckpt'), {
      matcher: 'gem5-argparse', file: 'arm-sst-checkpoint.py', line: undefined, severity: 'error',
      message: 'the following arguments are required: --take-ckpt' });
  });

  it('leaves ordinary output alone', () => {
    for (const line of ['info: Entering event queue @ 0.  Starting simulation...', 'Writing checkpoint', 'Simulation is complete, simulated time: 10 ms']) {
      assert.equal(match(line), null, line);
    }
  });
});
