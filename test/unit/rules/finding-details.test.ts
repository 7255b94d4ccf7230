/** The fixture runner's detail check (test/support/findingDetails.ts) catches what it is meant to catch. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../../server/src/rules/types';
import { changedLines, detailProblems, type FindingDetail } from '../../support/findingDetails';

const span = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

describe('fixture finding details', () => {
  let root = '';
  let file = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'details-'));
    file = join(root, 'a.py');
    await writeFile(file, 'x = 1\nsize = "5GB"\ny = 2\n');
  });
  after(() => rm(root, { recursive: true, force: true }));

  const finding = (over: Partial<Finding> = {}): Finding => ({
    code: 'GS204', severity: 'warning', message: `size in ${root}`, file, span: span(1, 7, 12),
    related: [{ file, span: span(0, 0, 5), message: 'here' }],
    fixes: [{ title: 'Use "5GiB"', preferred: true, edits: [{ file, span: span(1, 7, 12), newText: '"5GiB"' }] }],
    ...over,
  });
  const detail: FindingDetail = {
    code: 'GS204', file: 'a.py', at: 'size =', message: 'size in {root}', severity: 'warning',
    related: [{ file: 'a.py', line: 1, message: 'here' }],
    fixes: [{ title: 'Use "5GiB"', preferred: true, after: { 'a.py': ['size = "5GiB"'] } }],
  };

  it('changed lines are the applied text between the lines it shares with the original', () => {
    assert.deepEqual(changedLines('a\nb\nc', 'a\nB\nc'), ['B']);
    assert.deepEqual(changedLines('a\nc', 'a\nb\nc'), ['b']);
    assert.deepEqual(changedLines('a\nb', 'a\nb'), []);
  });

  it('accepts a finding that says exactly what the detail states', async () => {
    assert.deepEqual(await detailProblems(root, [detail], [finding()]), []);
  });

  it('reports a different message, severity, related location or fix outcome', async () => {
    const problems = await detailProblems(root, [detail], [finding({
      message: 'other', severity: 'error', related: [{ file, span: span(2, 0, 1), message: 'here' }],
      fixes: [{ title: 'Use "5GiB"', preferred: true, edits: [{ file, span: span(1, 7, 12), newText: '"6GiB"' }] }],
    })]);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems.join('\n'), /message[\s\S]*severity[\s\S]*related[\s\S]*fixes/);
  });

  it('reports a detail no finding matches, and a finding the details do not tell apart from another', async () => {
    assert.match((await detailProblems(root, [detail], []))[0], /0 finding\(s\) match, 1 detail/);
    const { message: _, ...anyMessage } = detail;
    assert.match((await detailProblems(root, [anyMessage], [finding(), finding()]))[0], /2 finding\(s\) match, 1 detail/);
    assert.deepEqual(await detailProblems(root, [anyMessage, anyMessage], [finding(), finding()]), []);
  });

  it('checks the parts a message must and must not contain', async () => {
    const partial: FindingDetail = { code: 'GS204', file: 'a.py', at: 'size =', messageIncludes: ['size in'], messageExcludes: ['{root}'] };
    assert.deepEqual(await detailProblems(root, [partial], [finding({ message: 'size in a.py' })]), []);
    assert.equal((await detailProblems(root, [partial], [finding()])).length, 1);
  });
});
