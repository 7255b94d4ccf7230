/**
 * Whether the argparse options the model reads from a gem5 script are all the options it has. They are not when the
 * script has no argparse parser (optparse, gem5's SimpleOpts, sys.argv), when the parser is handed to a function
 * written elsewhere (gem5's `Options.addCommonOptions(parser)`), or when an option is added with names or keywords
 * the model cannot read (a loop, `*flags`, `**kw`). Then an argument the model does not know may well be accepted,
 * and the rules must not call it unrecognized.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { LineIndex } from './lineIndex';
import { calleeLastName } from './syntax';

/** Calls that only look at the parser. */
const HARMLESS = new Set(['print', 'vars', 'id', 'isinstance', 'type', 'len', 'repr', 'str', 'ArgumentParser']);

/** Why the option set may be incomplete, or null when every option is in the model. */
export function openOptionSet(tree: Tree, text: string, lines: LineIndex): string | null {
  if (!/\bArgumentParser\s*\(/.test(text)) return /\b(?:add_option|OptionParser|SimpleOpts|sys\.argv)\b/.test(text) ? 'the script does not read its arguments with argparse' : null;
  const parsers = new Set<string>();
  for (const m of text.matchAll(/\b([A-Za-z_]\w*)\s*=\s*(?:[\w.]+\.)?(?:ArgumentParser|add_argument_group|add_mutually_exclusive_group)\s*\(/g)) parsers.add(m[1]);
  const defined = new Set([...text.matchAll(/^[ \t]*def\s+([A-Za-z_]\w*)/gm)].map((m) => m[1]));
  for (const name of parsers) {
    for (const m of text.matchAll(new RegExp(`\\b${name}\\b`, 'g'))) {
      const node = tree.resolveInner(m.index! + 1, 0);
      if (node.name !== 'VariableName' || node.parent?.name !== 'ArgList') continue;
      const call = node.parent.parent;
      if (call?.name !== 'CallExpression') continue;
      const callee = calleeLastName(call, text);
      if (callee && (HARMLESS.has(callee) || defined.has(callee))) continue;
      return `the parser is passed to ${text.slice(call.from, call.firstChild?.to ?? call.to)} (line ${lines.positionAt(call.from).line + 1}), which the model does not read`;
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
