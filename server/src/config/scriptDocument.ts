/**
 * One open script: its text, its lezer tree (re-parsed incrementally on edits, reusing unchanged fragments) and
 * its model, computed on demand once per version.
 */
import { TreeFragment, type Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { ExprReads } from './exprReads';
import { ScriptValues } from './scriptValues';
import { extractGem5Model, findArgsVars } from './gem5Model';
import { LineIndex } from './lineIndex';
import { FileModuleLoader } from './moduleLoader';
import { detectKind, mayBeSimulatorScript } from './scriptKind';
import { extractSstModel } from './sstModel';
import { findSyntaxErrors } from './syntaxErrors';
import type { Position } from '../protocol/span';
import type { ScriptModel, SstScriptModel } from './types';

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
    return (this.cachedModel ??= buildModel(this.path, this.currentText, this.currentTree, this.lines));
  }

  offsetAt(pos: Position): number {
    return this.lines.offsetAt(pos);
  }

  positionAt(offset: number): Position {
    return this.lines.positionAt(offset);
  }
}

const defaultLoader = new FileModuleLoader();

function buildModel(path: string, text: string, tree: Tree, lines: LineIndex): ScriptModel {
  const kind = detectKind(tree, text);
  if (kind === 'other') return { kind: 'other', path, syntaxErrors: [] };
  const syntaxErrors = findSyntaxErrors(tree, text, lines);
  if (kind === 'sst') return extractSstModel({ path, text, tree, lines, syntaxErrors, loader: defaultLoader });
  const argsVars = findArgsVars(tree, text);
  const values = new ScriptValues({ path, text, tree, lines }, '__m5_main__', defaultLoader);
  return extractGem5Model({ path, text, tree, lines, values, reads: new ExprReads(text, tree, argsVars), argsVars, syntaxErrors });
}

/** One-shot model of a script (no incremental state kept). Unrelated Python files are recognised without parsing. */
export function analyzeScript(path: string, text: string): ScriptModel {
  if (!mayBeSimulatorScript(text)) return { kind: 'other', path, syntaxErrors: [] };
  const tree = parser.parse(text);
  return buildModel(path, text, tree, new LineIndex(text));
}

/**
 * The model of an SST script run as `sst script.py -- MODEL_OPTIONS` (sys.argv known), whatever its imports say it
 * is; a file with a syntax error gives its errors and nothing else.
 */
export function modelSstScript(path: string, text: string, modelOptions?: readonly string[]): SstScriptModel {
  const tree = parser.parse(text);
  const lines = new LineIndex(text);
  const syntaxErrors = findSyntaxErrors(tree, text, lines);
  if (syntaxErrors.length) return { kind: 'sst', path, components: [], links: [], gem5Cmds: [], programOptions: [], syntaxErrors };
  return extractSstModel({ path, text, tree, lines, syntaxErrors, loader: defaultLoader, argv: modelOptions });
}
