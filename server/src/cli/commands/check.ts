/**
 * `gem5-ckpt check PATH... [--format text|json|sarif] [--severity CODE=level] [--no-verify-stores]`: the rule engine
 * over workspace folders or files, for terminals and CI. Exit 1 when an error is reported, 0 otherwise.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isCode, type Severity } from '../../protocol/codes';
import { createWorkspaceEngine } from '../../workspace/engine';
import { DEFAULT_SETTINGS } from '../../workspace/types';
import type { Finding } from '../../rules/types';
import { EXIT_OK, EXIT_PROBLEMS, json, oneOf, parseCommandArgs, UsageError, type Command } from '../common';
import { renderText, toJsonDiagnostics, toSarif } from '../output/findingFormats';
import { checkScope } from '../checkScope';

const USAGE = 'usage: gem5-ckpt check PATH... [--format text|json|sarif] [--severity CODE=level]... [--verify-stores|--no-verify-stores]';
const LEVELS = ['error', 'warning', 'information', 'hint', 'off'] as const;

export const checkCommand: Command = {
  name: 'check',
  summary: 'run the rules over workspace folders or files (text, json or SARIF)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string' }, severity: { type: 'string', multiple: true },
      'verify-stores': { type: 'boolean' }, 'no-verify-stores': { type: 'boolean' },
    }, USAGE);
    if (!positionals.length) throw new UsageError(`expected at least one folder or file\n${USAGE}`);
    const format = oneOf(values.format as string | undefined, ['text', 'json', 'sarif'] as const, 'text', 'format');
    const severity: Record<string, Severity | 'off'> = {};
    for (const s of (values.severity as string[] | undefined) ?? []) {
      const [code, level] = s.split('=');
      if (!isCode(code)) throw new UsageError(`--severity ${s}: unknown code ${code}`);
      if (!(LEVELS as readonly string[]).includes(level)) throw new UsageError(`--severity ${s}: level must be one of ${LEVELS.join(', ')}`);
      severity[code] = level as Severity | 'off';
    }
    const paths = positionals.map((p) => resolve(p));
    for (const p of paths) if (!existsSync(p)) throw new UsageError(`${p} does not exist`);
    const base = paths.length === 1 && statSync(paths[0]).isDirectory() ? paths[0] : commonDir(paths);
    const scope = checkScope(paths);
    const engine = createWorkspaceEngine(scope.roots, {
      ...DEFAULT_SETTINGS,
      severity,
      // Inflating every store is the slow part; on by request only (CI can pass --verify-stores).
      verifyStores: Boolean(values['verify-stores']) && !values['no-verify-stores'],
    }, { workingDirectorySearchRoot: scope.workingDirectorySearchRoot });
    let findings: Finding[] = [...(await engine.findingsAll()).values()].flat();
    if (values['verify-stores'] && !values['no-verify-stores']) findings = await verifiedFindings(engine);
    const { runs } = await engine.snapshot();
    findings = findings.filter((f) => scope.shows(f, runs));
    findings.sort((a, b) => a.file.localeCompare(b.file) || a.span.start.line - b.span.start.line || a.span.start.character - b.span.start.character);
    if (format === 'json') io.out(json({ diagnostics: toJsonDiagnostics(findings, base) }));
    else if (format === 'sarif') io.out(json(toSarif(findings, base, process.env.GEM5_CKPT_VERSION ?? '0.1.0')));
    else io.out(renderText(findings, base));
    return findings.some((f) => f.severity === 'error') ? EXIT_PROBLEMS : EXIT_OK;
  },
};

/** With store verification the engine inflates in the background; wait for it, then ask again. */
async function verifiedFindings(engine: ReturnType<typeof createWorkspaceEngine>): Promise<Finding[]> {
  for (let i = 0; i < 3600; i++) {
    await engine.findingsAll();
    if (!engine.isVerifying()) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [...(await engine.findingsAll()).values()].flat();
}

function commonDir(paths: string[]): string {
  const dirs = paths.map((p) => (existsSync(p) && statSync(p).isDirectory() ? p : dirname(p)));
  let base = dirs[0];
  while (!dirs.every((d) => d === base || d.startsWith(base.endsWith('/') ? base : base + '/'))) base = dirname(base);
  return base;
}
