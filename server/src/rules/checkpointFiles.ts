/** GS4xx — checkpoint path and files: the restore finds a real, intact checkpoint and does not cold-boot silently. */
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { activeUses } from '../workspace/runs';
import type { ResolvedRun } from '../workspace/types';
import { cannotDecide, FILE_START, finding, lineSpan, type Rule, type RuleContext } from './context';
import { argSite, replaceValueText, runLabel, siteOfExpr, str } from './runArgs';
import type { Finding, QuickFix } from './types';

const restoreRuns = (ctx: RuleContext) => ctx.runs.filter((r) => r.mode === 'restore' && r.gem5Model);

/** Sibling directories that look like the same checkpoint with another (or no) instance suffix. */
function instanceSiblings(dir: string, ctx: RuleContext): string[] {
  const parent = dirname(dir);
  const stem = basename(dir).replace(/_?\d+$/, '');
  return ctx.listDir(parent)
    .filter((n) => n !== basename(dir) && (n === stem || (n.startsWith(stem) && /^_?\d+$/.test(n.slice(stem.length)))))
    .map((n) => join(parent, n))
    .filter((p) => ctx.exists(join(p, 'm5.cpt')));
}

const GS401: Rule = {
  code: 'GS401',
  inputs: 'G,S,T,C',
  check: (ctx) => restoreRuns(ctx).flatMap((run) => {
    if (!run.checkpointDir) return unknownPath(run);
    if (ctx.exists(join(run.checkpointDir, 'm5.cpt'))) return [];
    if (instanceSiblings(run.checkpointDir, ctx).length) return []; // GS402 says more
    return [pathFinding(ctx, run, 'GS401',
      `${runLabel(run)} restores from ${run.checkpointDir}, which ${ctx.exists(run.checkpointDir) ? 'has no m5.cpt' : 'does not exist'} ${isAbsolute(run.checkpointDirText ?? '') ? 'on this machine (an absolute path from the script: check it where the run happens)' : `(resolved against ${run.workingDirectory})`}: gem5 stops at instantiate`)];
  }),
};

/**
 * A restore whose checkpoint path the model cannot compute (an environment variable, a file it cannot read): whether
 * the checkpoint is there cannot be decided, and the checkpoint rules (GS2xx, GS30x, GS40x) cannot read it. An empty
 * path is GS403's; a known one is checked above.
 */
function unknownPath(run: ResolvedRun): Finding[] {
  if (!run.checkpointPathSpan || run.checkpointDirText !== null || !run.gem5Script) return [];
  return [cannotDecide('GS401', run.gem5Script, run.checkpointPathSpan,
    // No run label: every node restoring through this line gets the one note.
    'cannot decide where this restore reads its checkpoint: the model cannot compute the path, so the rules that read the checkpoint are silent on it')];
}

const GS402: Rule = {
  code: 'GS402',
  inputs: 'G,S,T,C',
  check: (ctx) => restoreRuns(ctx).flatMap((run) => {
    if (!run.checkpointDir || ctx.exists(join(run.checkpointDir, 'm5.cpt'))) return [];
    const siblings = instanceSiblings(run.checkpointDir, ctx);
    if (!siblings.length) return [];
    const f = pathFinding(ctx, run, 'GS402',
      `${runLabel(run)} restores from ${run.checkpointDir}, which does not exist, but ${siblings.map((s) => relative(run.workingDirectory, s)).join(', ')} ${siblings.length > 1 ? 'do' : 'does'}: the instance suffix is probably wrong`);
    const use = activeUses(run.gem5Model!, run.args).restore.find((u) => u.path);
    const site = use?.path ? siteOfExpr(run, use.path).site : null;
    // Offer the fix only when the token holds the whole path (not a prefix the script appends to).
    if (site?.valueArg.exact && use?.path && str(use.path.evaluate(run.args)) === site.value) {
      f.fixes = siblings.map((s): QuickFix => ({
        title: `Restore from ${relative(run.workingDirectory, s)}`, preferred: siblings.length === 1,
        edits: [{ file: run.definedIn, span: site.valueArg.span, newText: replaceValueText(site, relative(run.workingDirectory, s)) }],
      }));
    }
    return [f];
  }),
};

function pathFinding(ctx: RuleContext, run: ResolvedRun, code: 'GS401' | 'GS402' | 'GS403', message: string): Finding {
  const use = activeUses(run.gem5Model!, run.args).restore.find((u) => u.path);
  const where = use?.path ? siteOfExpr(run, use.path) : { file: run.definedIn, span: run.span, site: null };
  const related = use && run.gem5Script ? [{ file: run.gem5Script, span: use.span, message: `the script restores with ${use.api}(${use.path?.text ?? ''})` }] : [];
  // On the argument that gives the path when there is one, else on the run (cmd value or task).
  return finding(code, run.definedIn, where.site ? where.span : run.span, message, { related });
}

/**
 * Whether the script has an explicit branch for the empty value of something the path is made from, one that tells
 * the user (`if args.ckpt_file != "": … else: warn("A checkpoint path was not provided!")`): then the empty path is
 * the script's choice to cold-boot, not the silent fallback of m5.instantiate("") that R31 is about (arm-numa-
 * checkpoints.py's `if args.ckpt_file != "": …` with no else stays silent, and reported).
 */
function choosesColdBoot(run: ResolvedRun, pathReads: readonly string[]): boolean {
  return (run.gem5Model?.emptinessTests ?? []).some((t) => t.dests.some((d) => pathReads.includes(d)));
}

const GS403: Rule = {
  code: 'GS403',
  inputs: 'G,S,T',
  // An SST node is in restore mode exactly when its script restores with a path (runs.ts infers the mode from the same
  // uses); a bare m5.instantiate() only cold-boots, which is a restore mode only for a run declared to restore.
  check: (ctx) => restoreRuns(ctx).flatMap((run) => {
    const uses = activeUses(run.gem5Model!, run.args);
    if (uses.take.length || uses.undecided) return [];
    const restore = uses.restore;
    if (!restore.length) return [];
    const paths = restore.map((u) => (u.path ? str(u.path.evaluate(run.args)) : ''));
    // A path the model cannot evaluate (null) is no known empty path either.
    if (paths.some((p) => p !== '')) return [];
    if (choosesColdBoot(run, restore.flatMap((u) => u.path?.reads ?? []))) return [];
    return [pathFinding(ctx, run, 'GS403',
      `${runLabel(run)} runs in restore mode with an empty checkpoint path: m5.instantiate("") cold-boots silently instead of restoring`)];
  }),
};

/** GS404/405/406/409 straight from the checkpoint engine's problems, on the m5.cpt line they concern. */
function checkpointProblemRule(code: 'GS404' | 'GS405' | 'GS406' | 'GS409'): Rule {
  return {
    code,
    inputs: 'C',
    check: (ctx) => [...ctx.checkpoints.values()].flatMap((cp) => cp.problems.filter((p) => p.code === code).map((p) => {
      const cptFile = join(cp.path, 'm5.cpt');
      let line = p.line;
      // A problem about a store file (no line of its own) goes on that store's section; the engine names m5.cpt otherwise.
      if (line === undefined) line = cp.stores.find((s) => s.file === p.file)?.line;
      return finding(code, cptFile, line ? lineSpan(line) : FILE_START, p.message);
    })),
  };
}

/**
 * Options the gem5 script compares with the string "True" or "False" (`args.take_ckpt == "True"`): argparse has no
 * real booleans there, so "true" or "1" silently counts as False. An option with choices is argparse's to check
 * (GS104), and one the script never compares so is not this rule's (darchr's later scripts use "true"/"false").
 */
function comparedWithTrueFalse(text: string, dest: string): boolean {
  // Only an identifier can be read as `args.<dest>`; another dest (dest="take.ckpt") needs getattr, not matched here.
  if (!/^[A-Za-z_]\w*$/.test(dest)) return false;
  const lit = (group: number) => `(["'])(?:True|False)\\${group}`;
  return new RegExp(`\\.${dest}\\s*[!=]=\\s*${lit(1)}|${lit(2)}\\s*[!=]=\\s*[\\w.]*\\.${dest}\\b`).test(text);
}

const GS408: Rule = {
  code: 'GS408',
  inputs: 'S,T,G',
  check: (ctx) => ctx.runs.flatMap((run) => {
    const text = run.gem5Script ? ctx.textOf(run.gem5Script) : null;
    if (text === null) return [];
    return (run.gem5Model?.options ?? []).filter((o) => !o.choices && comparedWithTrueFalse(text, o.dest)).flatMap((o) => {
      const site = argSite(run, o.dest);
      if (!site || site.value === 'True' || site.value === 'False') return [];
      const fixed = /^(true|1|yes)$/i.test(site.value) ? 'True' : /^(false|0|no)$/i.test(site.value) ? 'False' : null;
      const fixes: QuickFix[] = fixed && site.valueArg.exact
        ? [{ title: `Write ${fixed}`, preferred: true, edits: [{ file: run.definedIn, span: site.valueArg.span, newText: replaceValueText(site, fixed) }] }]
        : [];
      return [finding('GS408', run.definedIn, site.valueArg.span,
        `${o.flags[0]}=${site.value}: the script compares with the exact string "True", so anything else counts as False`, { fixes })];
    });
  }),
};

/** The workspace is a gem5 tree: its `util/cpt_upgraders` define the tags its binary writes and expects. */
const GS407: Rule = {
  code: 'GS407',
  inputs: 'C,B',
  check: (ctx) => {
    const tree = ctx.gem5Tree;
    if (!tree) return [];
    return [...ctx.checkpoints.values()].flatMap((cp) => {
      const have = new Set(cp.versionTags);
      const want = new Set(tree.tags);
      const missing = [...want].filter((t) => !have.has(t)); // tree.tags come sorted
      const unknown = [...have].filter((t) => !want.has(t)).sort();
      if (!missing.length && !unknown.length) return [];
      const parts = [];
      if (missing.length) parts.push(`missing ${missing.join(', ')} (run util/cpt_upgrader.py)`);
      if (unknown.length) parts.push(`unknown to this gem5 tree: ${unknown.join(', ')} (written by a newer gem5)`);
      return [finding('GS407', join(cp.path, 'm5.cpt'), cp.versionTagsLine ? lineSpan(cp.versionTagsLine) : FILE_START,
        `version_tags differ from the gem5 tree at ${tree.root}: ${parts.join('; ')}. gem5 warns that running with incompatible tags is not supported`)];
    });
  },
};

export const GS4_RULES: Rule[] = [GS407, GS401, GS402, GS403, checkpointProblemRule('GS404'), checkpointProblemRule('GS405'),
  checkpointProblemRule('GS406'), GS408, checkpointProblemRule('GS409')];
