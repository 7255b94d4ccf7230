/**
 * GS101 benchmark (issue 14): time to find the syntax error of a 2,000-line script with an error near the top
 * (CPython still tokenizes the rest of the file, and so do we), and of the same script without it; CPython's
 * compile() of the same texts, timed inside one python3 process in the same run, is the reference.
 */
import { spawnSync } from 'node:child_process';
import type * as LineIndexModule from '../../server/src/config/lineIndex';
import type * as PySyntaxModule from '../../server/src/config/pySyntax';
import type * as SyntaxModule from '../../server/src/config/syntaxErrors';
import { loadBundled } from './bundle';
import { gem5Script } from '../support/generateScripts';
import { report, timeRuns } from './stats';

/** python3's compile() of `text`, `runs` times after one warm-up, in ms per run (SyntaxError counts as done). */
function cpythonCompile(text: string, runs: number): number[] | null {
  const code = [
    'import sys, time, json', 'src = sys.stdin.read()', 'out = []',
    `for i in range(${runs + 1}):`,
    '    t = time.perf_counter()',
    '    try: compile(src, "big.py", "exec")',
    '    except SyntaxError: pass',
    '    out.append((time.perf_counter() - t) * 1000)',
    'print(json.dumps(out[1:]))',
  ].join('\n');
  const r = spawnSync('python3', ['-c', code], { input: text, encoding: 'utf8' });
  return r.status === 0 ? (JSON.parse(r.stdout) as number[]) : null;
}

async function main() {
  const { findSyntaxErrors } = loadBundled<typeof SyntaxModule>('server/src/config/syntaxErrors.ts');
  const { LineIndex } = loadBundled<typeof LineIndexModule>('server/src/config/lineIndex.ts');
  const { firstSyntaxErrorFromScratch } = loadBundled<typeof PySyntaxModule>('server/src/config/pySyntax.ts');
  const valid = gem5Script(2000);
  const lines = valid.split('\n');
  // A missing comma on line 20: the second pass runs, then the rest of the file is tokenized.
  lines.splice(19, 0, 'nodes = [helper_1(1) helper_1(2)]');
  const broken = lines.join('\n');
  const check = (text: string) => findSyntaxErrors(null, text, new LineIndex(text));
  const found = check(broken);
  if (found.length !== 1 || found[0].span.start.line !== 19) throw new Error(`unexpected result: ${JSON.stringify(found)}`);
  if (check(valid).length !== 0) throw new Error('the valid script reports an error');

  // Cold: no earlier text to restart from (a file opened with the error in it).
  const ours = await timeRuns(() => firstSyntaxErrorFromScratch(broken), 40, 5);
  const py = cpythonCompile(broken, 40);
  report('GS101 of a 2,000-line script, error on line 20 (cold)', ours, { baseline: py ? { name: 'python3 compile()', ms: py } : undefined });
  if (py) report('python3 compile() of the same text (SyntaxError)', py);
  const oursValid = await timeRuns(() => firstSyntaxErrorFromScratch(valid), 40, 5);
  const pyValid = cpythonCompile(valid, 40);
  report('syntax check of the same script without the error (cold)', oursValid, { baseline: pyValid ? { name: 'python3 compile()', ms: pyValid } : undefined });
  if (pyValid) report('python3 compile() of the valid text (includes code generation)', pyValid);

  // While typing: each run is a new text (a number on line 1,000 changes), checked through GS101's own path.
  const at = valid.indexOf('\n', valid.length >> 1) + 1;
  let n = 0;
  const typing = await timeRuns(() => check(`${valid.slice(0, at)}t = ${n++}\n${valid.slice(at)}`), 100, 10);
  report('GS101 after a one-line edit in the middle (valid text)', typing);
  const typingBroken = await timeRuns(() => check(`${valid.slice(0, at)}t = (${n++} +\n${valid.slice(at)}`), 40, 5);
  report('GS101 after an edit that opens a bracket in the middle', typingBroken);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
