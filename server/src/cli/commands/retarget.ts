/**
 * `gem5-ckpt retarget SST_SCRIPT CHECKPOINT_DIR [--write] [--root DIR] [--format diff|json]`: the edits that point an
 * SST restore script at a checkpoint, as a unified diff of the script and of the tasks.json whose rank count changes;
 * `--write` applies them all or none (every temp file written before any rename). Exit 1 when something is left
 * for the user (a value computed with no literal, or an error the rules still report).
 */
import { existsSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { computeRetarget, retargetDiff } from '../../retarget';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, json, oneOf, parseCommandArgs, type Command } from '../common';

const USAGE = 'usage: gem5-ckpt retarget SST_SCRIPT CHECKPOINT_DIR [--write] [--root DIR] [--format diff|json]';

/**
 * Writes every file or none: all temp files first (a full disk fails before anything changes), then the renames;
 * a rename that fails puts back the files already replaced.
 */
async function writeAll(files: { file: string; before: string; after: string }[]): Promise<void> {
  const temps = files.map((f) => ({ ...f, tmp: `${f.file}.gem5-ckpt-${process.pid}.tmp` }));
  try {
    for (const t of temps) await writeFile(t.tmp, t.after, { mode: statSync(t.file).mode });
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t.tmp, { force: true })));
    throw e;
  }
  const done: typeof temps = [];
  try {
    for (const t of temps) {
      await rename(t.tmp, t.file);
      done.push(t);
    }
  } catch (e) {
    for (const t of done) await writeFile(t.file, t.before);
    await Promise.all(temps.map((t) => rm(t.tmp, { force: true })));
    throw e;
  }
}

/** The workspace the script belongs to: the nearest ancestor with .vscode or .git, else the script's folder. */
function workspaceOf(file: string): string {
  for (let d = dirname(file); ; d = dirname(d)) {
    if (existsSync(join(d, '.vscode')) || existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return dirname(file);
  }
}

export const retargetCommand: Command = {
  name: 'retarget',
  summary: 'the edits that point an SST restore script at a checkpoint (unified diff; --write applies them)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { write: { type: 'boolean' }, root: { type: 'string' }, format: { type: 'string' } }, USAGE);
    if (positionals.length !== 2) throw new UsageError(`expected an SST script and a checkpoint directory\n${USAGE}`);
    const format = oneOf(values.format as string | undefined, ['diff', 'json'] as const, 'diff', 'format');
    const file = resolve(positionals[0]);
    const dir = resolve(positionals[1]);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`${positionals[0]} is not a file`);
    if (!existsSync(join(dir, 'm5.cpt'))) throw new UsageError(`${positionals[1]} is not a checkpoint directory (no m5.cpt)`);
    const root = values.root ? resolve(values.root as string) : workspaceOf(file);
    let result;
    try {
      result = await computeRetarget({ sstScript: file, checkpointDir: dir, roots: [root] });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const rel = (l: number, f?: string) => `${f ? relative(process.cwd(), f) || f : positionals[0]}:${l}`;
    if (format === 'json') {
      io.out(json({ file, checkpoint: dir, files: result.others.map((o) => o.file), changes: result.changes, blockers: result.blockers, diff: retargetDiff(result, root),
        remaining: result.remaining.map((f) => ({ code: f.code, line: f.span.start.line + 1, message: f.message })) }));
    } else {
      io.out(retargetDiff(result, root));
      for (const b of result.blockers) io.err(`${rel(b.line, b.file)}: cannot edit safely: ${b.message}\n`);
      for (const f of result.remaining) io.err(`${rel(f.span.start.line + 1)}: still ${f.code} after the edits: ${f.message}\n`);
      if (result.before === result.after && !result.others.length && !result.blockers.length) io.err(`${positionals[0]} already restores ${positionals[1]}: nothing to change\n`);
    }
    const changed = [...(result.after !== result.before ? [{ file, before: result.before, after: result.after }] : []), ...result.others];
    if (values.write && changed.length) {
      // Each file is replaced whole (a reader sees the old file or the new one), and the script and tasks.json together.
      await writeAll(changed);
      const names = changed.map((c) => (c.file === file ? positionals[0] : relative(process.cwd(), c.file) || c.file));
      io.err(`wrote ${names.join(' and ')} (${result.changes.length} change${result.changes.length === 1 ? '' : 's'})\n`);
    }
    return result.blockers.length || result.remaining.length ? EXIT_PROBLEMS : EXIT_OK;
  },
};
