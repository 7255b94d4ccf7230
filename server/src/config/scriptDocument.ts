/**
 * One open script: its text, its lezer tree (re-parsed incrementally on edits, reusing unchanged fragments) and
 * its model, computed on demand once per version.
 */
import { TreeFragment, type Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { Evaluator } from './evaluator';
import { extractGem5Model, findArgsVars } from './gem5Model';
import { LineIndex } from './lineIndex';
import { detectKind, mayBeSimulatorScript } from './scriptKind';
import { extractSstModel } from './sstModel';
import { findSyntaxErrors } from './syntaxErrors';
import type { Position } from '../protocol/span';
import type { ScriptModel } from './types';

export interface TextEdit {
  /** Offsets into the text as it is when this edit applies (edits apply in order, like LSP content changes). */
  from: number;
  to: number;
  insert: string;
}

export class ScriptDocument {
  private currentText: string;
  private currentTree: Tree;
  private fragments: readonly TreeFragment[];
  private lineIndex: LineIndex | null = null;
  private cachedModel: ScriptModel | null = null;
  /** The last model of a version that parsed: hovers and completion keep using it while the text does not. */
  private lastGoodModel: ScriptModel | null = null;
  private versionCounter = 0;

  constructor(
    readonly path: string,
    text: string,
  ) {
    this.currentText = text;
    this.currentTree = parser.parse(text);
    this.fragments = TreeFragment.addTree(this.currentTree);
  }

  get text(): string {
    return this.currentText;
  }

  get tree(): Tree {
    return this.currentTree;
  }

  /** Increases with every change; the model is memoised per version. */
  get version(): number {
    return this.versionCounter;
  }

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.currentText));
  }

  /** Applies edits in order and re-parses once, reusing the unchanged parts of the previous tree. */
  applyEdits(changes: readonly TextEdit[]): void {
    if (changes.length === 0) return;
    let text = this.currentText;
    let fragments = this.fragments;
    for (const c of changes) {
      const from = Math.max(0, Math.min(c.from, text.length));
      const to = Math.max(from, Math.min(c.to, text.length));
      text = text.slice(0, from) + c.insert + text.slice(to);
      fragments = TreeFragment.applyChanges(fragments, [{ fromA: from, toA: to, fromB: from, toB: from + c.insert.length }]);
    }
    this.reparse(text, fragments);
  }

  /** Replaces the whole text (full re-parse). */
  setText(text: string): void {
    this.reparse(text, []);
  }

  private reparse(text: string, fragments: readonly TreeFragment[]): void {
    this.currentText = text;
    this.currentTree = parser.parse(text, fragments);
    this.fragments = TreeFragment.addTree(this.currentTree, fragments);
    this.lineIndex = null;
    this.cachedModel = null;
    this.versionCounter++;
  }

  get model(): ScriptModel {
    if (!this.cachedModel) {
      this.cachedModel = buildModel(this.path, this.currentText, this.currentTree, this.lines);
      if (this.cachedModel.syntaxErrors.length === 0) this.lastGoodModel = this.cachedModel;
    }
    return this.cachedModel;
  }

  /** The model for editor features (never for rules): the current one, or the last good one while this does not parse. */
  get featureModel(): ScriptModel {
    const m = this.model;
    return m.syntaxErrors.length && this.lastGoodModel ? this.lastGoodModel : m;
  }

  offsetAt(pos: Position): number {
    return this.lines.offsetAt(pos);
  }

  positionAt(offset: number): Position {
    return this.lines.positionAt(offset);
  }
}

function buildModel(path: string, text: string, tree: Tree, lines: LineIndex): ScriptModel {
  const kind = detectKind(tree, text);
  if (kind === 'other') return { kind: 'other', path, syntaxErrors: [] };
  const syntaxErrors = findSyntaxErrors(tree, text, lines);
  const evaluator = new Evaluator(text, tree, findArgsVars(tree, text), kind === 'gem5' ? '__m5_main__' : '__main__');
  const input = { path, text, tree, lines, evaluator, syntaxErrors };
  return kind === 'gem5' ? extractGem5Model(input) : extractSstModel(input);
}

/** One-shot model of a script (no incremental state kept). Unrelated Python files are recognised without parsing. */
export function analyzeScript(path: string, text: string): ScriptModel {
  if (!mayBeSimulatorScript(text)) return { kind: 'other', path, syntaxErrors: [] };
  const tree = parser.parse(text);
  return buildModel(path, text, tree, new LineIndex(text));
}
