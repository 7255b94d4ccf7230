/**
 * `json.loads`/`json.load`: JSON text (a job list, a system description next to the script) as Python builds it —
 * objects as dicts in file order with the last of duplicate keys winning, integers exact, other numbers floats.
 * What Python accepts and strict JSON does not (NaN, Infinity) or text that is no JSON is unknown here, never an
 * exception the model invents. json.dumps is not modelled (unknown).
 */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Interpreter } from '../interpreter';
import { NONE, UNKNOWN, bool, float, int, str, type Value } from '../values';
import { module } from './stdlib';
import type { ModuleObject } from '../heap';

export function jsonModule(interp: Interpreter): ModuleObject {
  const loads = (text: Value | undefined): Value => {
    if (text?.kind !== 'str') return UNKNOWN;
    const errors: ParseError[] = [];
    const root = parseTree(text.value, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    return root && !errors.length ? toValue(interp, root, text.value) : UNKNOWN;
  };
  return module('json', {
    loads: interp.nativeFn('loads', ([s]) => loads(s)),
    load: interp.nativeFn('load', ([f]) => {
      const read = f?.kind === 'ref' && f.obj.type === 'object' ? f.obj.getAttr('read', f.obj) : undefined;
      return read ? loads(interp.callValue(read, [], new Map(), null)) : UNKNOWN;
    }),
    dumps: interp.nativeFn('dumps', () => UNKNOWN),
    dump: interp.nativeFn('dump', () => NONE),
  });
}

function toValue(interp: Interpreter, n: JsonNode, text: string): Value {
  switch (n.type) {
    case 'string': return str(n.value as string);
    case 'boolean': return bool(n.value as boolean);
    case 'null': return NONE;
    case 'number': {
      const raw = text.slice(n.offset, n.offset + n.length);
      return /^-?\d+$/.test(raw) ? int(BigInt(raw)) : float(Number(raw));
    }
    case 'array': return interp.list((n.children ?? []).map((c) => toValue(interp, c, text)));
    case 'object': {
      const d = interp.dict([]);
      if (d.kind !== 'ref' || d.obj.type !== 'dict') return UNKNOWN;
      for (const p of n.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) interp.putEntry(d.obj, str(k.value as string), toValue(interp, v, text));
      }
      return d;
    }
    default: return UNKNOWN;
  }
}
