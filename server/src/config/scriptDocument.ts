/**
 * One open script: its text, its lezer tree and its model. Edits are applied to the text at once (cheap) and the
 * parse is deferred until the tree or the model is asked for, so a burst of edits costs one incremental parse that
 * reuses the unchanged fragments of the last tree. The model is computed on demand once per version.
 */
import { TreeFragment, type Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { ExprReads } from './exprReads';
import { ScriptValues } from './scriptValues';
import { extractGem5Model, findArgsVars } from './gem5Model';
import { LineIndex } from './lineIndex';
import { diskFiles, FileModuleLoader } from './moduleLoader';
import { detectKind, kindOfImports, mayBeSimulatorScript, statementImports } from './scriptKind';
import { hasErrorNode, StatementCache, StatementMismatch, type StatementPass } from './statementCache';
import { extractSstModel } from './sstModel';
import type { SstRun } from './interp/domains/sst';
import { findSyntaxErrors } from './syntaxErrors';
import { OptionMemo } from './optionMemo';
import type { Position } from '../protocol/span';
import type { Gem5ScriptModel, ScriptModel, SstScriptModel, SyntaxIssue } from './types';

/**
 * The parser for edited documents. lezer reuses a previous tree in whole buffers of `bufferLength` tokens (1,024 by
 * default, about 2 KB of a script): an edit re-tokenises the whole buffer around it. At 256 an edit re-parses about a
 * quarter of that (one-character edit in a 2,000-line script: ~1.3 → ~0.35 ms) while walks over the tree cost the same.
 */
const editorParser = parser.configure({ bufferLength: 128 });

/** Edits since the last line index after which the next one is made from the text (LineIndex.afterEdits is O(lines) per edit). */
const MAX_FOLLOWED_EDITS = 16;

export interface TextEdit {
  /** Offsets into the text as it is when this edit applies (edits apply in order, like LSP content changes). */
  from: number;
  to: number;
  insert: string;
}

export class ScriptDocument {
  private currentText: string;
  /** The tree of `currentText`, or null until the next read of `tree` parses it. */
  private currentTree: Tree | null = null;
  /** Fragments of the last parsed tree, moved through every edit applied since. */
  private fragments: readonly TreeFragment[] = [];
  private lineIndex: LineIndex | null = null;
  /** The last line index made and the edits applied since (the next one is made from it), while they are few. */
  private linesBefore: { index: LineIndex; edits: TextEdit[] } | null = null;
  private cachedModel: ScriptModel | null = null;
  /** The last model of a version that parsed: hovers and completion keep using it while the text does not. */
  private lastGoodModel: ScriptModel | null = null;
  private versionCounter = 0;
  /** The argparse options of the last model, reused for unchanged `add_argument` calls. */
  private readonly optionMemo = new OptionMemo();
  /** What the module-level statements gave the last model, reused for the statements edits did not touch. */
  readonly statements = new StatementCache();

  constructor(
    readonly path: string,
    text: string,
  ) {
    this.currentText = text;
  }

  get text(): string {
    return this.currentText;
  }

  /** Parses on first read after a change (incrementally when an earlier tree exists). */
  get tree(): Tree {
    if (!this.currentTree) {
      this.currentTree = editorParser.parse(this.currentText, this.fragments);
      this.fragments = TreeFragment.addTree(this.currentTree, this.fragments);
    }
    return this.currentTree;
  }

  /** True when the tree of the current text has been parsed (no parse is pending). */
  get isParsed(): boolean {
    return this.currentTree !== null;
  }

  /** Increases with every change; the model is memoised per version. */
  get version(): number {
    return this.versionCounter;
  }

  get lines(): LineIndex {
    if (!this.lineIndex) {
      const b = this.linesBefore;
      this.lineIndex = b ? LineIndex.afterEdits(b.index, b.edits, this.currentText) : new LineIndex(this.currentText);
      this.linesBefore = null;
    }
    return this.lineIndex;
  }

  /** Applies edits in order; the re-parse waits for the next read of the tree or the model. */
  applyEdits(changes: readonly TextEdit[]): void {
    if (changes.length === 0) return;
    let text = this.currentText;
    let fragments = this.fragments;
    const lines = this.lineIndex ? { index: this.lineIndex, edits: [] as TextEdit[] } : this.linesBefore;
    for (const c of changes) {
      const from = Math.max(0, Math.min(c.from, text.length));
      const to = Math.max(from, Math.min(c.to, text.length));
      text = text.slice(0, from) + c.insert + text.slice(to);
      lines?.edits.push({ from, to, insert: c.insert });
      this.statements.edited(from, to, c.insert.length);
      if (fragments.length) fragments = TreeFragment.applyChanges(fragments, [{ fromA: from, toA: to, fromB: from, toB: from + c.insert.length }]);
    }
    this.changed(text, fragments);
    // A long burst: indexing the text again is cheaper than following every edit.
    this.linesBefore = lines && lines.edits.length <= MAX_FOLLOWED_EDITS ? lines : null;
  }

  /** Replaces the whole text (the next parse is a full one). */
  setText(text: string): void {
    this.statements.reset();
    this.changed(text, []);
    this.linesBefore = null;
  }

  private changed(text: string, fragments: readonly TreeFragment[]): void {
    this.currentText = text;
    this.currentTree = null;
    this.fragments = fragments;
    this.lineIndex = null;
    this.cachedModel = null;
    this.versionCounter++;
  }

  get model(): ScriptModel {
    if (!this.cachedModel) {
      this.cachedModel = buildModel(this.path, this.currentText, this.tree, this.lines, this.optionMemo, this.statements);
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

const defaultLoader = new FileModuleLoader();

/**
 * The model of one version. With `statements` (an open buffer), a text without syntax errors is read statement by
 * statement, keeping what the statements an edit did not touch gave before (statementCache.ts says why that is
 * exact); a text with an error is read whole.
 */
function buildModel(path: string, text: string, tree: Tree, lines: LineIndex, optionMemo?: OptionMemo, statements?: StatementCache): ScriptModel {
  if (!statements) return buildWhole(path, text, tree, lines, optionMemo);
  if (!mayBeSimulatorScript(text)) return { kind: 'other', path, syntaxErrors: [] };
  const syntaxErrors = findSyntaxErrors(tree, text, lines);
  if (syntaxErrors.length) return buildWhole(path, text, tree, lines, optionMemo, syntaxErrors);
  try {
    return buildFromStatements(path, text, tree, lines, syntaxErrors, statements, optionMemo);
  } catch (e) {
    // A statement list that does not fit the tree would be a bug here; the whole read is always right.
    statements.reset();
    if (e instanceof StatementMismatch) return buildWhole(path, text, tree, lines, optionMemo, syntaxErrors);
    throw e;
  }
}

function buildFromStatements(path: string, text: string, tree: Tree, lines: LineIndex, syntaxErrors: SyntaxIssue[], statements: StatementCache, optionMemo?: OptionMemo): ScriptModel {
  const pass = statements.begin(tree, text, lines);
  const imports = new Set<string>();
  for (const st of pass.statements) {
    let own = st.entry?.imports;
    if (!own) {
      if (st.skipped) own = [];
      else {
        const node = pass.nodeOf(st);
        own = statementImports(node, text);
        if (!hasErrorNode(node)) pass.store(st, own);
      }
    }
    for (const m of own) imports.add(m);
  }
  const kind = kindOfImports(imports);
  let model: ScriptModel;
  if (kind === 'other') model = { kind: 'other', path, syntaxErrors: [] };
  else if (kind === 'sst') model = extractSstModel({ path, text, tree, lines, syntaxErrors, loader: defaultLoader });
  else model = gem5Model(path, text, tree, lines, syntaxErrors, optionMemo, pass);
  pass.commit();
  return model;
}

/** The model read from the whole tree (`syntaxErrors` when already known). */
function buildWhole(path: string, text: string, tree: Tree, lines: LineIndex, optionMemo?: OptionMemo, knownErrors?: SyntaxIssue[]): ScriptModel {
  const kind = detectKind(tree, text);
  if (kind === 'other') return { kind: 'other', path, syntaxErrors: [] };
  const syntaxErrors = knownErrors ?? findSyntaxErrors(tree, text, lines);
  if (kind === 'sst') return extractSstModel({ path, text, tree, lines, syntaxErrors, loader: defaultLoader });
  return gem5Model(path, text, tree, lines, syntaxErrors, optionMemo);
}

function gem5Model(path: string, text: string, tree: Tree, lines: LineIndex, syntaxErrors: SyntaxIssue[], optionMemo?: OptionMemo, statements?: StatementPass): Gem5ScriptModel {
  const argsVars = findArgsVars(tree, text);
  const values = new ScriptValues({ path, text, tree, lines }, '__m5_main__', defaultLoader);
  return extractGem5Model({ path, text, tree, lines, values, reads: new ExprReads(text, tree, argsVars), argsVars, syntaxErrors, optionMemo, statements });
}

/** One-shot model of a script (no incremental state kept). Unrelated Python files are recognised without parsing. */
export function analyzeScript(path: string, text: string): ScriptModel {
  if (!mayBeSimulatorScript(text)) return { kind: 'other', path, syntaxErrors: [] };
  const tree = parser.parse(text);
  return buildWhole(path, text, tree, new LineIndex(text));
}

/**
 * The model of an SST script run as `sst script.py -- MODEL_OPTIONS` (sys.argv known), whatever its imports say it
 * is; a file with a syntax error gives its errors and nothing else.
 */
export function modelSstScript(path: string, text: string, modelOptions?: readonly string[], sstRun?: SstRun, cwd?: string): SstScriptModel {
  const tree = parser.parse(text);
  const lines = new LineIndex(text);
  const syntaxErrors = findSyntaxErrors(tree, text, lines);
  if (syntaxErrors.length) return { kind: 'sst', path, components: [], links: [], gem5Cmds: [], programOptions: [], syntaxErrors };
  return extractSstModel({ path, text, tree, lines, syntaxErrors, loader: defaultLoader, argv: modelOptions, sstRun, files: cwd ? diskFiles(cwd) : undefined });
}
