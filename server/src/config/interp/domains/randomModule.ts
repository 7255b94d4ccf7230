/**
 * `random` after a `random.seed(n)` (or `random.Random(n)`) with an integer the script gives: draws are CPython's
 * (mersenne.ts, and Lib/random.py 3.11's randrange/randint/choice/shuffle/sample/uniform over them), so a seed in
 * the script gives the values CPython gives. Unseeded (CPython seeds from the OS), seeded with anything but a known
 * int, or drawn from differently on two sides of an undecided condition, the generator is unknown and so is what
 * it gives; shuffle() then makes its list unknown.
 */
import type { ListObject, ModuleObject } from '../heap';
import type { Interpreter } from '../interpreter';
import { touch, born, type Journaled } from '../journal';
import { PyRaise } from '../limits';
import { NONE, UNKNOWN, float, int, type Value } from '../values';
import { MersenneTwister } from './mersenne';
import { module, nativeObject } from './stdlib';

/** One generator; null while its state is unknown. The journal undoes and joins it across branches. */
class Generator implements Journaled {
  constructor(public mt: MersenneTwister | null) {}
  snapshot(): MersenneTwister | null {
    return this.mt?.copy() ?? null;
  }
  restore(s: unknown): void {
    this.mt = (s as MersenneTwister | null)?.copy() ?? null;
  }
  join(a: unknown, b: unknown): void {
    const ma = a as MersenneTwister | null;
    const mb = b as MersenneTwister | null;
    this.mt = ma && mb && ma.equals(mb) ? ma.copy() : null;
  }
}

const intOf = (v: Value | undefined): bigint | null => (v?.kind === 'int' ? v.value : v?.kind === 'bool' ? (v.value ? 1n : 0n) : null);

export function randomModule(interp: Interpreter): ModuleObject {
  const shared = born(new Generator(null));
  const api = methods(interp, shared);
  const Random = interp.nativeFn('Random', ([seed]) => {
    const g = born(new Generator(null));
    if (seed) seedWith(g, seed);
    const own = methods(interp, g);
    return nativeObject('Random', g, (name) => own[name]);
  });
  return module('random', { ...api, Random });
}

function seedWith(g: Generator, seed: Value | undefined): void {
  touch(g);
  const n = intOf(seed);
  g.mt = n === null ? null : MersenneTwister.seeded(n);
}

function methods(interp: Interpreter, g: Generator): Record<string, Value> {
  const fn = (name: string, f: (a: Value[], kw: Map<string, Value>) => Value) => interp.nativeFn(name, (a, kw) => f(a, kw));
  /** Runs a draw on the generator, or gives unknown (and leaves it unknown) when its state is. */
  const draw = (f: (mt: MersenneTwister) => Value): Value => {
    touch(g);
    if (!g.mt) return UNKNOWN;
    return f(g.mt);
  };
  /** A call the model cannot follow drew from the generator (or reseeded it): its state is unknown from here. */
  const forget = (): Value => {
    touch(g);
    g.mt = null;
    return UNKNOWN;
  };
  const emptyRange = (): never => {
    throw new PyRaise('ValueError: empty range for randrange()');
  };
  const randrange = (start: bigint, stop: bigint | null, step: bigint): Value => draw((mt) => {
    if (stop === null) return start > 0n ? int(mt.below(start)) : emptyRange();
    const width = stop - start;
    if (step === 1n) return width > 0n ? int(start + mt.below(width)) : emptyRange();
    if (step === 0n) throw new PyRaise('ValueError: zero step for randrange()');
    const n = step > 0n ? floorDiv(width + step - 1n, step) : floorDiv(width + step + 1n, step);
    return n > 0n ? int(start + step * mt.below(n)) : emptyRange();
  });
  /** The items of a list/tuple/str population, or null. */
  const sequence = (v: Value | undefined): Value[] | null => {
    if (v?.kind === 'str') return [...v.value].map((ch) => ({ kind: 'str', value: ch }) as Value);
    if (v?.kind === 'ref' && (v.obj.type === 'list' || v.obj.type === 'tuple') && !v.obj.incomplete) return v.obj.items;
    return null;
  };
  return {
    seed: fn('seed', ([a], kw) => {
      if (kw.size) forget();
      else seedWith(g, a ?? NONE);
      return NONE;
    }),
    random: fn('random', () => draw((mt) => float(mt.random()))),
    uniform: fn('uniform', ([a, b]) => {
      const x = a?.kind === 'int' ? Number(a.value) : a?.kind === 'float' ? a.value : null;
      const y = b?.kind === 'int' ? Number(b.value) : b?.kind === 'float' ? b.value : null;
      return x === null || y === null ? forget() : draw((mt) => float(x + (y - x) * mt.random()));
    }),
    getrandbits: fn('getrandbits', ([k]) => {
      const n = intOf(k);
      if (n === null || n < 0n || n > 1_000_000n) return forget();
      return draw((mt) => int(mt.getrandbits(Number(n))));
    }),
    randrange: fn('randrange', ([a, b, c], kw) => {
      const start = intOf(a);
      const stop = b === undefined || b.kind === 'none' ? null : intOf(b);
      const step = c === undefined ? 1n : intOf(c);
      if (kw.size || start === null || step === null || (b !== undefined && b.kind !== 'none' && stop === null)) return forget();
      return randrange(start, stop, step);
    }),
    randint: fn('randint', ([a, b]) => {
      const lo = intOf(a);
      const hi = intOf(b);
      return lo === null || hi === null ? forget() : randrange(lo, hi + 1n, 1n);
    }),
    choice: fn('choice', ([s]) => {
      const items = sequence(s);
      if (!items) return forget();
      if (!items.length) throw new PyRaise('IndexError: Cannot choose from an empty sequence');
      return draw((mt) => items[Number(mt.below(BigInt(items.length)))]);
    }),
    shuffle: fn('shuffle', ([x]) => {
      const l = x?.kind === 'ref' && x.obj.type === 'list' ? (x.obj as ListObject) : null;
      if (!l) return forget();
      touch(l);
      if (!g.mt || l.incomplete) {
        forget();
        l.incomplete ??= 'it was shuffled by a generator the model does not know';
        return NONE;
      }
      draw((mt) => {
        for (let i = l.items.length - 1; i >= 1; i--) {
          const j = Number(mt.below(BigInt(i + 1)));
          [l.items[i], l.items[j]] = [l.items[j], l.items[i]];
        }
        return NONE;
      });
      return NONE;
    }),
    sample: fn('sample', ([pop, kArg], kw) => {
      const items = sequence(pop);
      const k = intOf(kArg ?? kw.get('k'));
      if (!items || k === null || [...kw.keys()].some((key) => key !== 'k')) return forget();
      const n = items.length;
      if (k < 0n || k > BigInt(n)) throw new PyRaise('ValueError: Sample larger than population or is negative');
      const kn = Number(k);
      return draw((mt) => {
        const result: Value[] = [];
        let setsize = 21;
        if (kn > 5) setsize += 4 ** Math.ceil(Math.log(kn * 3) / Math.log(4));
        if (n <= setsize) {
          const pool = items.slice();
          for (let i = 0; i < kn; i++) {
            const j = Number(mt.below(BigInt(n - i)));
            result.push(pool[j]);
            pool[j] = pool[n - i - 1];
          }
        } else {
          const selected = new Set<number>();
          for (let i = 0; i < kn; i++) {
            let j = Number(mt.below(BigInt(n)));
            while (selected.has(j)) j = Number(mt.below(BigInt(n)));
            selected.add(j);
            result.push(items[j]);
          }
        }
        return interp.list(result);
      });
    }),
  };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}
