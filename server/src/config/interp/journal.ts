/**
 * Branches under an unknown condition. Both sides run, each recording the state of every container it changes
 * before the first change (copy on first write); then both are undone and the states joined: a value that differs
 * between the sides becomes unknown, an entry made on one side only is unknown, a list whose length differs is
 * incomplete. The same mechanism widens a loop that cannot be unrolled (the body "maybe" ran).
 */
import type { DictEntry, DictObject, ListObject } from './heap';
import { PyRaise } from './limits';
import { joinValues, UNKNOWN, type Value } from './values';

/** A domain record (an SST component, …) that takes part in branch joins. */
export interface Journaled {
  snapshot(): unknown;
  restore(state: unknown): void;
  /** Sets this object to the join of two states. */
  join(a: unknown, b: unknown): void;
}

type Container = Map<string, Value> | ListObject | DictObject | Journaled;

class Journal {
  readonly saved = new Map<Container, unknown>();
}

const stack: Journal[] = [];
/** How many alternatives were being explored when a container was made: older journals must not undo it. */
const birth = new WeakMap<object, number>();

/** Call when a container is made, so that an alternative that made it keeps it as it left it. */
export function born<T extends object>(c: T): T {
  if (stack.length) birth.set(c, stack.length);
  return c;
}

/** Call before mutating a container. */
export function touch(c: Container): void {
  for (let i = birth.get(c) ?? 0; i < stack.length; i++) {
    const j = stack[i];
    if (!j.saved.has(c)) j.saved.set(c, snapshot(c));
  }
}

function snapshot(c: Container): unknown {
  if (c instanceof Map) return new Map(c);
  if ('type' in c && (c.type === 'list' || c.type === 'tuple' || c.type === 'set')) return { items: c.items.slice(), incomplete: c.incomplete };
  if ('type' in c && c.type === 'dict') return { entries: c.entries.map((e) => ({ ...e })), incomplete: c.incomplete };
  return (c as Journaled).snapshot();
}

function restore(c: Container, s: unknown): void {
  if (c instanceof Map) {
    c.clear();
    for (const [k, v] of s as Map<string, Value>) c.set(k, v);
  } else if ('type' in c && (c.type === 'list' || c.type === 'tuple' || c.type === 'set')) {
    const st = s as { items: Value[]; incomplete?: string };
    c.items = st.items.slice();
    c.incomplete = st.incomplete;
  } else if ('type' in c && c.type === 'dict') {
    const st = s as { entries: DictEntry[]; incomplete?: string };
    c.entries = st.entries.map((e) => ({ ...e }));
    c.incomplete = st.incomplete;
  } else (c as Journaled).restore(s);
}

/** Runs `fn` recording changes; returns the states after it, and leaves everything as it was before. */
function runUndone(fn: () => void): { before: Map<Container, unknown>; after: Map<Container, unknown> } {
  const j = new Journal();
  stack.push(j);
  try {
    fn();
  } catch (e) {
    // An alternative that raises ends there; what it did until then is still one of the possible states.
    if (!(e instanceof PyRaise)) throw e;
  } finally {
    stack.pop();
  }
  const after = new Map<Container, unknown>();
  for (const [c, s] of j.saved) {
    after.set(c, snapshot(c));
    restore(c, s);
  }
  return { before: j.saved, after };
}

/**
 * Runs two alternatives (e.g. the branches of an `if` whose condition is unknown) and leaves the join of their
 * effects. `b` may be omitted (an `if` without `else`, a loop body that may not run).
 */
export function forkJoin(a: () => void, b?: () => void, why = 'a condition the model cannot decide'): void {
  const ra = runUndone(a);
  const rb = runUndone(b ?? (() => {}));
  const all = new Set<Container>([...ra.before.keys(), ...rb.before.keys()]);
  for (const c of all) {
    const before = ra.before.get(c) ?? rb.before.get(c);
    const sa = ra.after.get(c) ?? before;
    const sb = rb.after.get(c) ?? before;
    touch(c);
    joinInto(c, sa, sb, why);
  }
}

function joinInto(c: Container, a: unknown, b: unknown, why: string): void {
  if (c instanceof Map) {
    const ma = a as Map<string, Value>;
    const mb = b as Map<string, Value>;
    c.clear();
    for (const [k, va] of ma) {
      const vb = mb.get(k);
      c.set(k, vb === undefined ? UNKNOWN : joinValues(va, vb));
    }
    for (const k of mb.keys()) if (!ma.has(k)) c.set(k, UNKNOWN);
    return;
  }
  if ('type' in c && (c.type === 'list' || c.type === 'tuple' || c.type === 'set')) {
    const la = a as { items: Value[]; incomplete?: string };
    const lb = b as { items: Value[]; incomplete?: string };
    if (la.items.length === lb.items.length) {
      c.items = la.items.map((v, i) => joinValues(v, lb.items[i]));
      c.incomplete = la.incomplete ?? lb.incomplete;
    } else {
      c.items = la.items.length < lb.items.length ? la.items.map((v, i) => joinValues(v, lb.items[i])) : lb.items.map((v, i) => joinValues(v, la.items[i]));
      c.incomplete = `its length depends on ${why}`;
    }
    return;
  }
  if ('type' in c && c.type === 'dict') {
    const da = a as { entries: DictEntry[]; incomplete?: string };
    const db = b as { entries: DictEntry[]; incomplete?: string };
    const out: DictEntry[] = [];
    let oneSided = false;
    for (const e of da.entries) {
      const other = db.entries.find((x) => joinValues(x.key, e.key).kind !== 'unknown' && x.key.kind !== 'unknown');
      if (other) out.push({ ...e, value: joinValues(e.value, other.value) });
      else {
        oneSided = true;
        out.push({ ...e, value: UNKNOWN });
      }
    }
    for (const e of db.entries) {
      if (!da.entries.some((x) => joinValues(x.key, e.key).kind !== 'unknown' && x.key.kind !== 'unknown')) {
        oneSided = true;
        out.push({ ...e, value: UNKNOWN });
      }
    }
    c.entries = out;
    c.incomplete = oneSided ? `its keys depend on ${why}` : da.incomplete ?? db.incomplete;
    return;
  }
  (c as Journaled).join(a, b);
}

/** How many alternatives are being explored inside one another. */
export function forkDepth(): number {
  return stack.length;
}

/** True while some alternative is being explored (objects made now exist on one path only). */
export function inFork(): boolean {
  return stack.length > 0;
}
