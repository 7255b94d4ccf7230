/**
 * The SST side of the model, read out of what the forward interpreter recorded while running the script:
 * components with their parameters, subcomponents and ranks, links with both ends, program options, and the gem5
 * command lines inside `gem5.gem5Component` `cmd` parameters with a source span for every token.
 */
import { separatesWithSemicolons, splitGem5Cmd, tokenizeWithOffsets } from './cmdTokenizer';
import { valueToPy } from './interp/builtins';
import { SubComponentRecord as SubComponentRecordClass, type SstRun, type ComponentRecord, type LinkRecord, type ParamRecord, type SstRecording, type SubComponentRecord } from './interp/domains/sst';
import type { Interpreter, ModuleLoader, ModuleSource } from './interp/interpreter';
import { runScript } from './interp/run';
import type { RunFiles } from './interp/domains/files';
import type { SourceRef, StrPiece, Value } from './interp/values';
import type { LineIndex } from './lineIndex';
import { assignmentParts } from './syntax';
import type {
  CmdToken, Gem5Cmd, PyValue, Span, SstComponent, SstLink, SstLinkEnd, SstParam, SstScriptModel, SstSubComponent,
  SyntaxIssue,
} from './types';

export interface SstExtractionInput extends ModuleSource {
  syntaxErrors: SyntaxIssue[];
  loader: ModuleLoader | null;
  /** SST's model options (`sst script.py -- …`), when the run is known: sys.argv[1:]. */
  argv?: readonly string[];
  /** How SST is launched, when the run is known. */
  sstRun?: SstRun;
  /** The disk as the run sees it, when its working directory is known. */
  files?: RunFiles;
}

export function extractSstModel(input: SstExtractionInput): SstScriptModel {
  const { interp, sst } = runScript({ source: input, moduleName: '__main__', loader: input.loader, argv: input.argv, sstRun: input.sstRun, files: input.files });
  return new Readout(input, interp).model(sst);
}

/** `["backend[0]", "port[1]"]` for a subcomponent nested in a component. */
function slotPath(s: SubComponentRecord): string[] {
  const own = `${s.slot.kind === 'str' ? s.slot.value : '?'}[${s.index.kind === 'int' ? s.index.value : 0}]`;
  return s.parent instanceof SubComponentRecordClass ? [...slotPath(s.parent), own] : [own];
}

class Readout {
  constructor(
    private readonly input: SstExtractionInput,
    private readonly interp: Interpreter,
  ) {}

  private get lines(): LineIndex {
    return this.input.lines;
  }

  model(rec: SstRecording): SstScriptModel {
    const components = rec.components.map((c) => this.component(c));
    const links = rec.links.map((l) => this.link(l));
    const gem5Cmds: Gem5Cmd[] = [];
    rec.components.forEach((c, i) => {
      const t = c.type;
      if (t.kind === 'str' && t.value === 'gem5.gem5Component') {
        const cmd = this.gem5Cmd(c, components[i]);
        if (cmd) gem5Cmds.push(cmd);
      }
    });
    const losses = [
      ...this.interp.losses.filter((l) => l.src.file === this.input.path).map((l) => ({ span: this.span(l.src), what: l.what })),
      ...rec.lostCalls.filter((l) => l.at.file === this.input.path).map((l) => ({ span: this.span(l.at), what: l.what })),
    ];
    return {
      kind: 'sst',
      path: this.input.path,
      components,
      links,
      gem5Cmds,
      programOptions: rec.programOptions.map((p) => this.param(p)),
      syntaxErrors: this.input.syntaxErrors,
      losses,
      truncated: this.interp.truncated,
      truncatedSpan: this.interp.truncatedAt ? this.span(this.interp.truncatedAt) : null,
      dataFiles: [...this.interp.filesRead],
    };
  }

  /** A span in the main file; a place in another file is represented by the main-file call that led there. */
  private span(src: SourceRef | undefined, fallback?: SourceRef): Span {
    const s = src && src.file === this.input.path ? src : fallback && fallback.file === this.input.path ? fallback : null;
    return s ? this.lines.span(s.from, s.to) : this.lines.span(0, 0);
  }

  private site(src: SourceRef): { file: string; line: number } {
    const mc = src.file === this.input.path ? this.input : [...this.interp.modules.values()].find((m) => m.path === src.file);
    return { file: src.file, line: mc ? mc.lines.positionAt(src.from).line + 1 : 0 };
  }

  private py(v: Value): PyValue {
    return valueToPy(v) ?? { kind: 'unknown' };
  }

  private param(p: ParamRecord): SstParam {
    const out: SstParam = {
      key: p.key,
      value: this.py(p.value),
      keySpan: this.span(p.keySrc, p.at),
      valueSpan: this.span(p.valueSrc, p.at),
      text: this.interp.strOf(p.value),
    };
    const lit = p.value.kind === 'str' ? p.value.lit : undefined;
    if (lit && lit.file === this.input.path) out.literalSpan = this.lines.span(lit.from, lit.to);
    return out;
  }

  private component(c: ComponentRecord): SstComponent {
    const rank = c.rank && c.rank.rank.kind === 'int' && c.rank.thread.kind === 'int' ? { rank: Number(c.rank.rank.value), thread: Number(c.rank.thread.value) } : null;
    const out: SstComponent = {
      order: c.order,
      varName: this.varName(c.site),
      name: this.py(c.name),
      type: c.type.kind === 'str' ? c.type.value : '?',
      params: c.params.map((p) => this.param(p)),
      subComponents: this.subs(c.subs, []),
      rank,
      node: c.node,
      span: this.span(c.site, c.anchor),
      site: this.site(c.site),
    };
    if (c.rank) out.partition = { rank: c.rank.rank.kind === 'int' ? Number(c.rank.rank.value) : null, thread: c.rank.thread.kind === 'int' ? Number(c.rank.thread.value) : null };
    let incomplete = c.incomplete;
    if (c.rank && !rank) incomplete ??= 'its rank is not known';
    if (incomplete) out.incomplete = incomplete;
    if (c.maybe) out.maybe = true;
    const chain = c.callChain.filter((s) => s.file === this.input.path).map((s) => this.span(s));
    if (chain.length) out.callChain = chain;
    return out;
  }

  private subs(subs: SubComponentRecord[], path: string[]): SstSubComponent[] {
    const out: SstSubComponent[] = [];
    for (const s of subs) {
      const index = s.index.kind === 'int' ? Number(s.index.value) : 0;
      const slot = s.slot.kind === 'str' ? s.slot.value : '?';
      const sub: SstSubComponent = {
        slot,
        type: s.type.kind === 'str' ? s.type.value : '?',
        slotIndex: index,
        params: s.params.map((p) => this.param(p)),
        span: this.span(s.site, s.anchor),
        site: this.site(s.site),
      };
      if (path.length) sub.parentPath = path;
      out.push(sub, ...this.subs(s.subs, [...path, `${slot}[${index}]`]));
    }
    return out;
  }

  private link(l: LinkRecord): SstLink {
    const ends: SstLinkEnd[] = [];
    const unknownEnds: NonNullable<SstLink['unknownEnds']> = [];
    for (const [at, e] of l.ends.entries()) {
      if (!e.target) {
        unknownEnds.push({ at, port: e.port.kind === 'str' ? e.port.value : null, latency: this.py(e.latency) });
        continue;
      }
      const owner = 'owner' in e.target ? e.target.owner : e.target;
      const end: SstLinkEnd = {
        component: owner.order,
        slot: 'owner' in e.target ? (e.target.slot.kind === 'str' ? e.target.slot.value : '?') : null,
        port: e.port.kind === 'str' ? e.port.value : '',
        latency: this.py(e.latency),
        span: this.span(e.at),
      };
      if ('owner' in e.target) end.slotPath = slotPath(e.target);
      ends.push(end);
    }
    const out: SstLink = { name: this.py(l.name), ends, span: this.span(l.site, l.anchor), site: this.site(l.site) };
    if (unknownEnds.length) out.unknownEnds = unknownEnds;
    if (l.noCut) out.noCut = true;
    if (l.incomplete) out.incomplete = l.incomplete;
    return out;
  }

  private varName(site: SourceRef): string | null {
    if (site.file !== this.input.path) return null;
    let node = this.input.tree.resolveInner(site.from, 1);
    while (node.parent && !(node.from === site.from && node.to === site.to && node.name === 'CallExpression')) node = node.parent;
    const st = node.parent;
    if (st?.name !== 'AssignStatement') return null;
    const parts = assignmentParts(st);
    const t = parts?.targets[0];
    return t && t.length === 1 && t[0].name === 'VariableName' ? this.input.text.slice(t[0].from, t[0].to) : null;
  }

  // -------------------------------------------------------------------------------------------------------------
  // gem5 command lines

  private gem5Cmd(c: ComponentRecord, model: SstComponent): Gem5Cmd | null {
    const rec = c.params.find((p) => p.key === 'cmd');
    const param = model.params.find((p) => p.key === 'cmd');
    if (!rec || !param) return null;
    if (rec.value.kind === 'str' && separatesWithSemicolons(rec.value.value)) {
      return {
        component: c.order, node: c.node, text: null, tokens: [], gem5Options: [], script: null, scriptArgs: [], splitHazards: [],
        span: param.valueSpan,
        unsplit: "it separates its arguments with ';', which only darchr's 2023 gem5Component splits on (other builds split on spaces and quotes), and the script does not say which build runs it",
      };
    }
    const text = rec.value.kind === 'str' ? rec.value.value : null;
    const pieces = rec.value.kind === 'str' ? rec.value.pieces ?? [] : [];
    const tokens: CmdToken[] = [];
    const splitHazards: Gem5Cmd['splitHazards'] = [];
    if (text !== null) {
      for (const t of tokenizeWithOffsets(text)) tokens.push(this.tokenSpan(t.text, t.start, t.end, pieces, param.valueSpan));
      const delimiter = (c: string | undefined) => c === undefined || /[\s'"\\]/.test(c);
      for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        // `--cmd=""`: an empty pair at one end of a token gives what a shell gives (gem5 drops the empty piece);
        // inside a token (`a""b`) it splits it, and alone it drops an argument a shell would pass.
        if ((ch === "'" || ch === '"') && text[i + 1] === ch && delimiter(text[i - 1]) !== delimiter(text[i + 2])) {
          i++;
          continue;
        }
        if (ch === "'" || ch === '"' || ch === '\\') splitHazards.push({ char: ch, span: this.tokenSpan(ch, i, i + 1, pieces, param.valueSpan).span });
      }
    }
    const split = splitGem5Cmd(tokens, (t) => t.text);
    return {
      component: c.order,
      node: c.node,
      text,
      tokens,
      gem5Options: split.gem5Options,
      script: split.script,
      scriptArgs: split.scriptArgs,
      splitHazards,
      span: param.valueSpan,
    };
  }

  /** The source of a token: exact when one literal piece in this file holds all its characters verbatim. */
  private tokenSpan(token: string, start: number, end: number, pieces: readonly StrPiece[], whole: Span): CmdToken {
    const covering = pieces.filter((p) => start >= p.start && end <= p.start + p.length && p.src.file === this.input.path);
    const exact = covering.find((p) => p.exact);
    if (exact) {
      const from = exact.src.from + (start - exact.start);
      return { text: token, span: this.lines.span(from, from + (end - start)), exact: true };
    }
    const parts = this.exactParts(start, end, pieces);
    if (!covering.length) return { text: token, span: whole, exact: false, ...(parts.length ? { parts } : {}) };
    const inner = covering.reduce((a, b) => (b.length < a.length || (b.length === a.length && b.src.to - b.src.from < a.src.to - a.src.from) ? b : a));
    return { text: token, span: this.lines.span(inner.src.from, inner.src.to), exact: false, ...(parts.length ? { parts } : {}) };
  }

  /** The exact pieces (in this file) that overlap token characters [start, end), clipped to the token. */
  private exactParts(start: number, end: number, pieces: readonly StrPiece[]): NonNullable<CmdToken['parts']> {
    const out: NonNullable<CmdToken['parts']> = [];
    for (const p of pieces) {
      if (!p.exact || p.src.file !== this.input.path) continue;
      const a = Math.max(start, p.start);
      const b = Math.min(end, p.start + p.length);
      if (a >= b) continue;
      const from = p.src.from + (a - p.start);
      out.push({ offset: a - start, length: b - a, span: this.lines.span(from, from + (b - a)) });
    }
    return out;
  }
}
