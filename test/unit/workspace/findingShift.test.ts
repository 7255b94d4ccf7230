import assert from 'node:assert/strict';
import type { Span } from '../../../server/src/protocol/span';
import type { Finding } from '../../../server/src/rules/types';
import { changeBetween, shiftFindings } from '../../../server/src/workspace/findingShift';
import { linkedPart, withLinkedPart } from '../../../server/src/workspace/linkedFindings';

const FILE = '/ws/configs/gem5.py';
const OTHER = '/ws/sst/restore.py';
const TEXT = 'import m5\nmem = "1GiB"\nboard = Board(mem)\nm5.instantiate()\n';

function span(line: number, from: number, to: number, endLine = line): Span {
  return { start: { line, character: from }, end: { line: endLine, character: to } };
}

function finding(code: string, s: Span, extra: Partial<Finding> = {}): Finding {
  return { code: code as Finding['code'], severity: 'warning', message: code, file: FILE, span: s, related: [], fixes: [], ...extra };
}

/** `board` on line 2 and `m5.instantiate` on line 3 of TEXT. */
const BOARD = finding('GS307', span(2, 0, 5));
const INSTANTIATE = finding('GS303', span(3, 0, 16));

describe('findings carried over to a newer text of their file', () => {
  it('finds the one changed range between two texts (common prefix and suffix kept)', () => {
    const c = changeBetween(TEXT, TEXT.replace('"1GiB"', '"2GiB"'));
    assert.deepEqual(c, { start: { line: 1, character: 7 }, oldEnd: { line: 1, character: 8 }, newEnd: { line: 1, character: 8 } });
    assert.equal(changeBetween(TEXT, TEXT), null);
  });

  it('a finding after inserted lines moves down by their number; one before the edit stays', () => {
    const text = TEXT.replace('board =', '# a\n# b\nboard =');
    const first = finding('GS101', span(0, 0, 6));
    assert.deepEqual(shiftFindings([first, INSTANTIATE], FILE, TEXT, text).map((f) => f.span), [span(0, 0, 6), span(5, 0, 16)]);
  });

  it('a finding on a line the edit touches is left out, even where the edit is elsewhere on the line', () => {
    const call = finding('GS305', span(2, 8, 18));
    assert.deepEqual(shiftFindings([call], FILE, TEXT, TEXT.replace('board = Board', '#board = Board')), []);
    assert.deepEqual(shiftFindings([call], FILE, TEXT, TEXT.replace('"1GiB"\n', '"1GiB"  # a note\n')), [call], 'typing at the end of the line before leaves it');
  });

  it('a whole line inserted right before a finding’s line moves it down', () => {
    assert.deepEqual(shiftFindings([BOARD], FILE, TEXT, TEXT.replace('board =', 'x = 1\nboard =')).map((f) => f.span), [span(3, 0, 5)]);
  });

  it('deleted lines before a finding move it up, and a span over two lines keeps its shape', () => {
    const two = finding('GS305', span(2, 8, 5, 3));
    const text = TEXT.replace('mem = "1GiB"\n', '');
    assert.deepEqual(shiftFindings([two], FILE, TEXT, text)[0].span, span(1, 8, 5, 2));
  });

  it('a finding whose span the edit touches (inside or at its edge) is left out', () => {
    assert.deepEqual(shiftFindings([BOARD], FILE, TEXT, TEXT.replace('board =', 'boards =')), []);
    assert.deepEqual(shiftFindings([BOARD], FILE, TEXT, TEXT.replace('board =', 'xboard =')), []);
    assert.deepEqual(shiftFindings([BOARD], FILE, TEXT, TEXT.replace('board =', 'board=')), [], 'the character right after the span');
  });

  it('related locations and quick-fix edits in the file move with it; locations in other files stay', () => {
    const f = finding('GS208', span(3, 0, 16), {
      related: [{ file: FILE, span: span(2, 0, 5), message: 'board' }, { file: OTHER, span: span(2, 0, 5), message: 'cmd' }],
      fixes: [{ title: 'fix', preferred: true, edits: [{ file: FILE, span: span(3, 0, 0), newText: 'x' }, { file: OTHER, span: span(1, 0, 1), newText: 'y' }] }],
    });
    const [moved] = shiftFindings([f], FILE, TEXT, '# new\n' + TEXT);
    assert.deepEqual(moved.span, span(4, 0, 16));
    assert.deepEqual(moved.related.map((r) => r.span), [span(3, 0, 5), span(2, 0, 5)]);
    assert.deepEqual(moved.fixes[0].edits.map((e) => e.span), [span(4, 0, 0), span(1, 0, 1)]);
  });

  it('a finding with a related location in the edited range is left out as a whole', () => {
    const f = finding('GS208', span(3, 0, 16), { related: [{ file: FILE, span: span(1, 0, 3), message: 'mem' }] });
    assert.deepEqual(shiftFindings([f], FILE, TEXT, TEXT.replace('mem =', 'memory =')), []);
  });
});

describe('the part of a gem5 script’s findings that other files’ runs make', () => {
  const own = finding('GS101', span(0, 0, 6));
  const onlyAlone = finding('GS999', span(1, 0, 3));

  it('is what the linked pass adds to and takes from the script’s own findings, carried to a new text', () => {
    const part = linkedPart([own, INSTANTIATE], [own, onlyAlone], TEXT);
    assert.deepEqual(part.added, [INSTANTIATE]);
    assert.deepEqual(part.removed, [onlyAlone]);
    const text = '# top\n' + TEXT;
    const ownNow = [finding('GS101', span(1, 0, 6)), finding('GS999', span(2, 0, 3))];
    assert.deepEqual(withLinkedPart(ownNow, part, FILE, text), [finding('GS101', span(1, 0, 6)), finding('GS303', span(4, 0, 16))]);
  });

  it('a repeated finding is added or taken away as many times as the passes differ', () => {
    const part = linkedPart([INSTANTIATE, INSTANTIATE], [INSTANTIATE], TEXT);
    assert.deepEqual(part.added, [INSTANTIATE]);
    assert.deepEqual(withLinkedPart([INSTANTIATE], part, FILE, TEXT), [INSTANTIATE, INSTANTIATE]);
  });
});
