/**
 * The argparse options of the previous version of one document, for reuse: typing re-reads a script after every
 * keystroke, and nearly all of its `add_argument` calls are unchanged. An option is kept only when it is a function
 * of its call's text and start position alone (every value a literal, no error node inside), so that the key says
 * everything the option depends on and a kept option can never be stale.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ArgOption } from './types';

export class OptionMemo {
  private previous = new Map<string, ArgOption>();
  private current = new Map<string, ArgOption>();

  /** Starts reading a new version: what the last one kept stays available; anything older is dropped. */
  nextVersion(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  get(key: string): ArgOption | undefined {
    const hit = this.current.get(key) ?? this.previous.get(key);
    if (hit) this.current.set(key, hit);
    return hit;
  }

  set(key: string, option: ArgOption): void {
    this.current.set(key, option);
  }
}

/** The memo key of an `add_argument` call: start line and column and the call's text; null when it holds an error node. */
export function optionKey(call: SyntaxNode, text: string, line: number, character: number): string | null {
  const c = call.cursor();
  do {
    if (c.type.isError) return null;
  } while (c.next() && c.from < call.to);
  return `${line}:${character}:${text.slice(call.from, call.to)}`;
}
