/**
 * Whether the argparse options the model reads from a gem5 script are all the options it has. They are not when the
 * script has no argparse parser (optparse, gem5's SimpleOpts, sys.argv), when the parser is handed to a function
 * written elsewhere (gem5's `Options.addCommonOptions(parser)`), or when an option is added with names or keywords
 * the model cannot read (a loop, `*flags`, `**kw`). Then an argument the model does not know may well be accepted,
 * and the rules must not call it unrecognized.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { LineIndex } from './lineIndex';
import type { StatementPass } from './statementCache';
import { calleeLastName } from './syntax';

/** Calls that only look at the parser. */
const HARMLESS = new Set(['print', 'vars', 'id', 'isinstance', 'type', 'len', 'repr', 'str', 'ArgumentParser']);

/** `name = [x.]ArgumentParser(` (or a group of one): the names parsers are bound to. */
export const PARSER_ASSIGNMENT = /\b([A-Za-z_]\w*)\s*=\s*(?:[\w.]+\.)?(?:ArgumentParser|add_argument_group|add_mutually_exclusive_group)\s*\(/g;
const PARSER_AT = new RegExp(PARSER_ASSIGNMENT.source, 'y');
const PARSER_CALLEE = /ArgumentParser|add_argument_group|add_mutually_exclusive_group/g;
/** What a PARSER_ASSIGNMENT match holds before its final `(`. */
const INSIDE_ASSIGNMENT = /[\w\s=.]/;

/**
 * The names of PARSER_ASSIGNMENT's matches over the whole text, in order, found from the callee names instead (the
 * regex alone tries every identifier of the text: most of the option-set check of a 2,000-line script). A match holds
 * only INSIDE_ASSIGNMENT characters before its `(` and ends with a callee name, so it starts after the last other
 * character before that name, and not before the previous match's end (matches do not overlap): trying each start
 * from there up to the name finds the match the scan of the whole text finds, or shows there is none.
 */
export function parserNames(text: string): Set<string> {
  const out = new Set<string>();
  let end = 0;
  PARSER_CALLEE.lastIndex = 0;
  for (let k = PARSER_CALLEE.exec(text); k; k = PARSER_CALLEE.exec(text)) {
    let start = k.index;
    while (start > end && INSIDE_ASSIGNMENT.test(text[start - 1])) start--;
    for (let p = start; p <= k.index; p++) {
      PARSER_AT.lastIndex = p;
      const m = PARSER_AT.exec(text);
      if (!m) continue;
      out.add(m[1]);
      end = p + m[0].length;
      if (PARSER_CALLEE.lastIndex < end) PARSER_CALLEE.lastIndex = end; // the next callee name after this match
      break;
    }
  }
  return out;
}

/**
 * What the tree says about one occurrence of a parser's name: null when it is no argument of a call (a receiver, an
 * assignment target, a word in a string), else the call it is passed to: the callee's last name, the callee's text
 * (for the message) and where the call starts.
 */
interface ParserArgument {
  callee: string | null;
  calleeText: string;
  callFrom: number;
}

function parserArgumentAt(tree: Tree, text: string, at: number): ParserArgument | null {
  const node = tree.resolveInner(at + 1, 0);
  if (node.name !== 'VariableName' || node.parent?.name !== 'ArgList') return null;
  const call = node.parent.parent;
  if (call?.name !== 'CallExpression') return null;
  return { callee: calleeLastName(call, text), calleeText: text.slice(call.from, call.firstChild?.to ?? call.to), callFrom: call.from };
}

/**
 * parserArgumentAt for an open buffer's version, kept per module-level statement: a statement the edits did not
 * touch has the same text and the same subtree (statementCache.ts), so what an occurrence strictly inside it is does
 * not change (kept by offset in the statement, call offsets relative to its start). A one-character edit
 * in a 2,000-line script resolves the occurrences in about one statement instead of all 400 `parser.add_argument`.
 */
function statementArguments(tree: Tree, text: string, pass: StatementPass): (at: number) => ParserArgument | null {
  const list = pass.statements;
  let k = 0;
  return (at) => {
    // Occurrences of one name come in text order; a new name starts over.
    if (k >= list.length || list[k].from > at) k = 0;
    while (k < list.length && list[k].to <= at) k++;
    const st = list[k];
    const entry = st && st.from <= at && at + 1 < st.to ? st.entry : null;
    if (!entry) return parserArgumentAt(tree, text, at);
    const kept = (entry.parserArguments ??= new Map()).get(at - st.from);
    if (kept !== undefined) return kept && { ...kept, callFrom: kept.callFrom + st.from };
    const found = parserArgumentAt(tree, text, at);
    entry.parserArguments.set(at - st.from, found && { ...found, callFrom: found.callFrom - st.from });
    return found;
  };
}

/**
 * Why the option set may be incomplete, or null when every option is in the model. `statements`: the module-level
 * statements of an open buffer's version (a text without syntax errors), whose entries keep what occurrences of the
 * parsers' names are (same answer, less work).
 */
export function openOptionSet(tree: Tree, text: string, lines: LineIndex, statements?: StatementPass): string | null {
  if (!/\bArgumentParser\s*\(/.test(text)) return /\b(?:add_option|OptionParser|SimpleOpts|sys\.argv)\b/.test(text) ? 'the script does not read its arguments with argparse' : null;
  const parsers = parserNames(text);
  const defined = new Set([...text.matchAll(/^[ \t]*def\s+([A-Za-z_]\w*)/gm)].map((m) => m[1]));
  const argumentAt = statements ? statementArguments(tree, text, statements) : (at: number) => parserArgumentAt(tree, text, at);
  for (const name of parsers) {
    for (const m of text.matchAll(new RegExp(`\\b${name}\\b`, 'g'))) {
      const use = argumentAt(m.index!);
      if (!use) continue;
      if (use.callee && (HARMLESS.has(use.callee) || defined.has(use.callee))) continue;
      return `the parser is passed to ${use.calleeText} (line ${lines.positionAt(use.callFrom).line + 1}), which the model does not read`;
    }
  }
  return null;
}

/** Why an `add_argument` call's option cannot be read in full, or null. */
export function unreadableAddArgument(call: SyntaxNode, text: string, lines: LineIndex): string | null {
  const args = call.getChild('ArgList');
  if (args && /[(,]\s*\*/.test(text.slice(args.from, args.to))) return `an add_argument call with *args/**kwargs (line ${lines.positionAt(call.from).line + 1})`;
  return null;
}
