/**
 * Values of the forward interpreter. Primitives have the same shape as the model's `PyValue` (so formatting and
 * arithmetic helpers serve both) plus where they came from; containers, functions, classes, instances and the
 * domain objects (SST components, …) live on the heap and are referenced with identity.
 */
import type { PyValue } from '../types';
import type { HeapObject } from './heap';

/** A span of source in one file (offsets into that file's text). */
export interface SourceRef {
  readonly file: string;
  readonly from: number;
  readonly to: number;
}

/**
 * Where the characters of a string value come from. `exact` pieces map character for character onto the source at
 * `from`; other pieces name the expression that produced them.
 */
export interface StrPiece {
  /** Offset of the piece in the string value. */
  readonly start: number;
  readonly length: number;
  readonly src: SourceRef;
  readonly exact: boolean;
}

interface Origin {
  /** The literal this value is, unchanged (a quick fix can replace it). */
  lit?: SourceRef;
}

export type Prim =
  | ({ kind: 'int'; value: bigint } & Origin)
  | ({ kind: 'float'; value: number } & Origin)
  | ({ kind: 'str'; value: string; pieces?: readonly StrPiece[] } & Origin)
  | ({ kind: 'bool'; value: boolean } & Origin)
  | { kind: 'none' }
  | { kind: 'unknown' };

export interface Ref {
  kind: 'ref';
  obj: HeapObject;
}

export type Value = Prim | Ref;

export const UNKNOWN: Value = { kind: 'unknown' };
export const NONE: Value = { kind: 'none' };
export const TRUE: Value = { kind: 'bool', value: true };
export const FALSE: Value = { kind: 'bool', value: false };

export const int = (value: bigint): Value => ({ kind: 'int', value });
export const float = (value: number): Value => ({ kind: 'float', value });
export const str = (value: string, pieces?: readonly StrPiece[]): Value => (pieces && pieces.length ? { kind: 'str', value, pieces } : { kind: 'str', value });
export const bool = (value: boolean): Value => (value ? TRUE : FALSE);
export const ref = (obj: HeapObject): Ref => ({ kind: 'ref', obj });

export function isUnknown(v: Value): boolean {
  return v.kind === 'unknown';
}

/** Same value for the purposes of a join: identical objects, equal primitives of the same kind. */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'ref': return a.obj === (b as Ref).obj;
    case 'none': return true;
    case 'unknown': return true;
    default: return (a as { value: unknown }).value === (b as { value: unknown }).value;
  }
}

/** A value that differs between two paths becomes unknown. */
export function joinValues(a: Value, b: Value): Value {
  if (sameValue(a, b)) return a.kind === 'str' && b.kind === 'str' && a.pieces !== b.pieces ? { kind: 'str', value: a.value } : a;
  return UNKNOWN;
}

/** Shifts string pieces by `offset` characters (for concatenation). */
export function shiftPieces(pieces: readonly StrPiece[] | undefined, offset: number): StrPiece[] {
  if (!pieces) return [];
  return offset === 0 ? [...pieces] : pieces.map((p) => ({ ...p, start: p.start + offset }));
}

/** Drops origin information, for values handed to the model's PyValue-based helpers. */
export function primToPy(v: Prim): PyValue {
  switch (v.kind) {
    case 'int': return { kind: 'int', value: v.value };
    case 'float': return { kind: 'float', value: v.value };
    case 'str': return { kind: 'str', value: v.value };
    case 'bool': return { kind: 'bool', value: v.value };
    case 'none': return { kind: 'none' };
    default: return { kind: 'unknown' };
  }
}

/** A primitive PyValue as an interpreter value; lists and dicts (which need the heap) give undefined. */
export function primFromPy(p: PyValue): Value | undefined {
  switch (p.kind) {
    case 'int': return int(p.value);
    case 'float': return float(p.value);
    case 'str': return str(p.value);
    case 'bool': return bool(p.value);
    case 'none': return NONE;
    case 'unknown': return UNKNOWN;
    default: return undefined;
  }
}
