/**
 * Where to edit a gem5 option's value in an SST `cmd`: the token itself when it is written verbatim, the literal its
 * value characters come from (a variable's string, through an f-string), or the one f-string that writes the option
 * for a single node. Anything else has no literal to change: the caller reports the line instead of guessing.
 */
import type { CmdToken } from '../config/types';
import type { Span } from '../protocol/span';
import { argSite } from '../rules/runArgs';
import { spanText } from '../rules/context';
import type { ResolvedRun, RunArg } from '../workspace/types';
import type { SpanEdit } from './textEdits';

export interface OptionSite {
  flag: string;
  flagArg: RunArg;
  valueArg: RunArg;
  /** Offset of the value inside `valueArg.text` (after `=` in the `--opt=value` form). */
  valueOffset: number;
  value: string;
}

export type OptionEdit = { ok: true; edit: SpanEdit; where: Span } | { ok: false; span: Span; why: string };

/** The option's last occurrence in the run's argv: through argparse (the gem5 script's options) or by flag name. */
export function optionSite(run: ResolvedRun, dest: string, flag: string): OptionSite | null {
  const s = argSite(run, dest);
  if (s) {
    const eq = s.valueArg === s.flagArg;
    return { flag: eq ? s.flagArg.text.slice(0, s.flagArg.text.indexOf('=')) : s.flagArg.text, flagArg: s.flagArg, valueArg: s.valueArg,
      valueOffset: eq ? s.flagArg.text.indexOf('=') + 1 : 0, value: s.value };
  }
  if (run.gem5Model) return null;
  // The gem5 script could not be read: the value as cmd states it (what gem5 would be given).
  let found: OptionSite | null = null;
  for (let i = 0; i < run.argv.length; i++) {
    const t = run.argv[i].text;
    if (t.startsWith(flag + '=')) found = { flag, flagArg: run.argv[i], valueArg: run.argv[i], valueOffset: flag.length + 1, value: t.slice(flag.length + 1) };
    else if (t === flag && run.argv[i + 1]) found = { flag, flagArg: run.argv[i], valueArg: run.argv[i + 1], valueOffset: 0, value: run.argv[i + 1].text };
  }
  return found;
}

function subSpan(span: Span, from: number, to: number): Span {
  return { start: { line: span.start.line, character: span.start.character + from }, end: { line: span.start.line, character: span.start.character + to } };
}

/**
 * The edit that gives the option `value`. `sharedLiteral` says the token's literal is evaluated for more than one
 * node (a loop), where rewriting the whole f-string would give every node this node's value.
 */
export function editOption(site: OptionSite, value: string, text: string, sharedLiteral: boolean): OptionEdit {
  const arg = site.valueArg;
  const len = arg.text.length;
  if (arg.exact && arg.span.start.line === arg.span.end.line) {
    const span = subSpan(arg.span, site.valueOffset, len);
    return { ok: true, edit: { span, newText: value }, where: span };
  }
  // One literal in this file holds every character of the value (e.g. the string a variable is bound to).
  const part = (arg as CmdToken).parts?.find((p) => p.offset <= site.valueOffset && p.offset + p.length >= len && p.span.start.line === p.span.end.line);
  if (part && quotable(value)) {
    const span = subSpan(part.span, site.valueOffset - part.offset, len - part.offset);
    return { ok: true, edit: { span, newText: value }, where: span };
  }
  // The f-string that writes the option, when it serves one node only: replace the value's replacement fields.
  const lit = spanText(text, arg.span);
  if (lit && !sharedLiteral && quotable(value)) {
    const m = /^([rRuUfF]{0,2})(["'])(.*)\2$/.exec(lit);
    if (m && /f/i.test(m[1])) {
      const body = m[3];
      const flagAt = body.lastIndexOf(site.flag);
      const sep = body[flagAt + site.flag.length];
      if (flagAt >= 0 && (sep === '=' || sep === ' ') && body.indexOf(site.flag) === flagAt) {
        const from = flagAt + site.flag.length + 1;
        let to = from;
        let depth = 0;
        while (to < body.length && (depth > 0 || body[to] !== ' ')) {
          if (body[to] === '{') depth++;
          else if (body[to] === '}') depth--;
          to++;
        }
        const off = m[1].length + 1;
        const span = subSpan(arg.span, off + from, off + to);
        return { ok: true, edit: { span, newText: value.replace(/[{}]/g, (c) => c + c) }, where: span };
      }
    }
  }
  return { ok: false, span: arg.span, why: `${site.flag} is computed (${site.value}) with no literal to change` };
}

/** A value that can sit inside any string literal unchanged (no quotes, backslashes, newlines or spaces). */
function quotable(v: string): boolean {
  return !/["'\\\s]/.test(v);
}
