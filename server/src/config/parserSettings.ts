/**
 * How a gem5 script builds its argparse parser, beyond its options: `ArgumentParser(add_help=…, allow_abbrev=…)` and
 * `add_mutually_exclusive_group(required=…)` with the options added to each group. Read from the syntax tree. A
 * keyword that is not a literal bool is left out, so the emulation assumes Python's default for it (rare in scripts).
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { LineIndex } from './lineIndex';
import { literalValue } from './scriptValues';
import { assignmentParts, callArgs, calleeLastName, callReceiver } from './syntax';
import type { ArgOption, ParserSettings } from './types';

function literalBool(node: SyntaxNode | undefined, text: string): boolean | null {
  if (!node) return null;
  const v = literalValue(node, text);
  return v?.kind === 'bool' ? v.value : null;
}

export function parserSettings(tree: Tree, text: string, lines: LineIndex, options: readonly ArgOption[]): ParserSettings | undefined {
  const src = (n: SyntaxNode) => text.slice(n.from, n.to);
  const settings: { addHelp?: boolean; allowAbbrev?: boolean } = {};
  let parsers = 0;
  /** Variable → the groups bound to it, in order, for `g = parser.add_mutually_exclusive_group(...)`. */
  const groupVars = new Map<string, { at: number; group: { required: boolean; dests: string[] } }[]>();
  const groups: { required: boolean; dests: string[] }[] = [];
  const groupCalls = new Map<number, { required: boolean; dests: string[] }>();
  const newGroup = (call: SyntaxNode) => {
    let g = groupCalls.get(call.from);
    if (!g) {
      g = { required: literalBool(callArgs(call, text).keywords.get('required')?.value, text) ?? false, dests: [] };
      groupCalls.set(call.from, g);
      groups.push(g);
    }
    return g;
  };
  const addCalls: SyntaxNode[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name === 'CallExpression') {
        const last = calleeLastName(ref.node, text);
        if (last === 'ArgumentParser') {
          // The first parser's settings (a script with several parsers is rare; its first is parse_args's, usually).
          if (parsers++ === 0) {
            const kw = callArgs(ref.node, text).keywords;
            const help = literalBool(kw.get('add_help')?.value, text);
            const abbrev = literalBool(kw.get('allow_abbrev')?.value, text);
            if (help !== null) settings.addHelp = help;
            if (abbrev !== null) settings.allowAbbrev = abbrev;
          }
        } else if (last === 'add_argument') addCalls.push(ref.node);
      } else if (ref.name === 'AssignStatement') {
        const parts = assignmentParts(ref.node);
        const target = parts?.targets.length === 1 && parts.targets[0].length === 1 ? parts.targets[0][0] : null;
        if (target?.name === 'VariableName' && parts?.value.name === 'CallExpression' && calleeLastName(parts.value, text) === 'add_mutually_exclusive_group') {
          groupVars.set(src(target), [...(groupVars.get(src(target)) ?? []), { at: ref.from, group: newGroup(parts.value) }]);
        }
      }
      return undefined;
    },
  });
  for (const call of addCalls) {
    const receiver = callReceiver(call);
    // The group the variable holds at the call: its last binding above it.
    const group = receiver?.name === 'VariableName' ? groupVars.get(src(receiver))?.filter((b) => b.at < call.from).pop()?.group
      : receiver?.name === 'CallExpression' && calleeLastName(receiver, text) === 'add_mutually_exclusive_group' ? newGroup(receiver) : undefined;
    if (!group) continue;
    const at = lines.span(call.from, call.to);
    const option = options.find((o) => o.span.start.line === at.start.line && o.span.start.character === at.start.character);
    if (option) group.dests.push(option.dest);
  }
  const exclusiveGroups = groups.filter((g) => g.dests.length);
  if (settings.addHelp === undefined && settings.allowAbbrev === undefined && !exclusiveGroups.length) return undefined;
  return { ...settings, ...(exclusiveGroups.length ? { exclusiveGroups } : {}) };
}
