/**
 * Scopes and modules. Python resolves a name in the local scope, then enclosing function scopes, then the module's
 * globals, then builtins; class bodies are a scope of their own that methods do not see.
 */
import type { Tree } from '@lezer/common';
import type { LineIndex } from '../lineIndex';
import { born, touch } from './journal';
import type { ModuleObject } from './heap';
import type { Value } from './values';

export interface ModuleContext {
  /** Absolute path of the file. */
  path: string;
  text: string;
  tree: Tree;
  lines: LineIndex;
  module: ModuleObject;
  globals: Scope;
  /**
   * Why this module may bind names the model does not see (names.ts), so that a name no scope binds is unknown, not
   * a NameError; null/absent when every binding is seen.
   */
  openNames?: string | null;
  /** Children lists of syntax nodes by node type and position (the interpreter reads each once). */
  syntaxCache?: Map<number, Map<number, import('@lezer/common').SyntaxNode[]>>;
}

export class Scope {
  readonly vars = new Map<string, Value>();
  /** Names declared `global` / `nonlocal` in this (function) scope. */
  readonly globalNames = new Set<string>();
  readonly nonlocalNames = new Set<string>();

  constructor(
    readonly kind: 'module' | 'function' | 'class' | 'comprehension',
    /** The enclosing scope for lookups (class scopes are skipped by functions defined in them). */
    readonly parent: Scope | null,
    readonly module: ModuleContext | null,
  ) {
    born(this.vars);
  }

  lookup(name: string): Value | undefined {
    const own = this.vars.get(name);
    if (own !== undefined) return own;
    for (let s = this.parent; s; s = s.parent) {
      if (s.kind === 'class') continue;
      const v = s.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** Where an assignment to `name` from this scope goes. */
  target(name: string): Scope {
    if (this.globalNames.has(name)) return this.globalScope();
    if (this.nonlocalNames.has(name)) {
      for (let s = this.parent; s; s = s.parent) if (s.kind === 'function' && s.vars.has(name)) return s;
    }
    return this;
  }

  set(name: string, value: Value): void {
    const s = this.target(name);
    touch(s.vars);
    s.vars.set(name, value);
  }

  delete(name: string): void {
    const s = this.target(name);
    touch(s.vars);
    s.vars.delete(name);
  }

  globalScope(): Scope {
    if (this.kind === 'module' || !this.parent) return this;
    return this.parent.globalScope();
  }
}
