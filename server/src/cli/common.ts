/**
 * What every gem5-ckpt command shares: exit codes, option parsing with node's util.parseArgs, usage errors, output.
 * Exit codes are a contract: 0 fine, 1 problems found, 2 usage or internal error (message on stderr).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

export interface Io {
  out(text: string | Buffer): void;
  err(text: string): void;
  /** Aborted on SIGINT, so long inflates stop promptly. */
  signal: AbortSignal;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: Io): Promise<number>;
  /**
   * Called before `run` when the process is this one command (not a test calling main). A command that waits on
   * nothing but its own file reads (no server, no worker it must keep answering) turns on synchronous small file calls
   * here (checkpoint/fsLite.ts useSyncFileCalls); it is the command's own call because each command bundle holds its
   * own copy of fsLite.
   */
  asProgram?(): void;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with strict checking; turns its errors into UsageError. */
export function parseCommandArgs<O extends Options>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${usage}`);
  }
}

/** The one checkpoint directory a command takes. */
export function oneDirectory(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected one checkpoint directory\n${usage}`);
  return positionals[0];
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${value}')`);
}

/** Parses a 64-bit unsigned number written in decimal or 0x-hex (also with `_` separators). */
export function parseU64(text: string, name: string): bigint {
  const t = text.replace(/_/g, '').trim();
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(t)) throw new UsageError(`--${name} must be a decimal or 0x-hex number (got '${text}')`);
  const v = BigInt(t);
  if (v >= 1n << 64n) throw new UsageError(`--${name} does not fit in 64 bits`);
  return v;
}

export const hex = (v: bigint) => '0x' + v.toString(16);

export function json(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n';
}

export { formatSize } from '../protocol/format';
