/**
 * Python's single-pass iterators (generators, map/zip/filter/enumerate/reversed/iter, itertools): iterating one
 * consumes it, so a second `for` over the same object sees nothing, where a list would see everything again. map and
 * filter call their function when iterated, not when made (CPython's are lazy: a component made in the mapped function
 * is made where the loop runs), so the items are produced on first use. The state takes part in branch joins: an
 * iterator consumed on one side only is unknown afterwards.
 */
import { touch, type Journaled } from './journal';
import type { Value } from './values';

interface State {
  /** undefined: not produced yet; null: unknown. */
  items: Value[] | null | undefined;
  pos: number;
}

export class IteratorState implements Journaled {
  private state: State = { items: undefined, pos: 0 };

  constructor(private readonly produce: () => Value[] | null) {}

  private ready(): Value[] | null {
    touch(this);
    if (this.state.items === undefined) this.state = { items: this.produce(), pos: this.state.pos };
    return this.state.items ?? null;
  }

  /** The items not consumed yet, which are consumed now; null when unknown. */
  rest(): Value[] | null {
    const items = this.ready();
    if (!items) return null;
    const rest = items.slice(this.state.pos);
    this.state = { items, pos: items.length };
    return rest;
  }

  /** next(it): the next item, 'end' when exhausted (StopIteration), null when unknown. */
  next(): Value | 'end' | null {
    const items = this.ready();
    if (!items) return null;
    if (this.state.pos >= items.length) return 'end';
    this.state = { items, pos: this.state.pos + 1 };
    return items[this.state.pos - 1];
  }

  snapshot(): State {
    return this.state;
  }

  restore(s: unknown): void {
    this.state = s as State;
  }

  join(a: unknown, b: unknown): void {
    const sa = a as State;
    const sb = b as State;
    this.state = sa.items === sb.items && sa.pos === sb.pos ? sa : { items: null, pos: 0 };
  }
}
