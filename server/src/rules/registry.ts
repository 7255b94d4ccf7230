/**
 * Runs every rule over a context. A rule that throws is logged and skipped, never fatal; user severity overrides
 * are applied here ('off' drops the code).
 */
import type { Severity } from '../protocol/codes';
import type { Finding } from './types';
import type { Rule, RuleContext } from './context';
import { GS1_RULES } from './wiring';
import { GS2_RULES } from './memoryRanges';
import { GS3_RULES } from './cpuAndTime';
import { GS4_RULES } from './checkpointFiles';
import { GS5_RULES } from './ranks';

export const ALL_RULES: readonly Rule[] = [...GS1_RULES, ...GS2_RULES, ...GS3_RULES, ...GS4_RULES, ...GS5_RULES];

export interface RunRulesOptions {
  severity?: Record<string, Severity | 'off'>;
  /** Overrides by the finding's file (each workspace folder's own settings); replaces `severity` when given. */
  severityOf?(file: string): Record<string, Severity | 'off'>;
  log?(message: string): void;
  rules?: readonly Rule[];
}

export function runRules(ctx: RuleContext, opts: RunRulesOptions = {}): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of opts.rules ?? ALL_RULES) {
    const fixed = opts.severityOf ? undefined : opts.severity?.[rule.code];
    if (fixed === 'off') continue;
    let found: Finding[];
    try {
      found = rule.check(ctx);
    } catch (e) {
      opts.log?.(`rule ${rule.code} failed and was skipped: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      continue;
    }
    for (const f of found) {
      // Two runs can reach the same defect (e.g. a task and an SST node naming one checkpoint): report it once.
      const key = `${f.code}|${f.file}|${f.span.start.line}:${f.span.start.character}|${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const override = opts.severityOf ? opts.severityOf(f.file)[rule.code] : fixed;
      if (override === 'off') continue;
      out.push(override ? { ...f, severity: override } : f);
    }
  }
  return out;
}
