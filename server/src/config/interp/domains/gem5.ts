/**
 * The gem5 parts config scripts read values from: `m5.options.outdir` (bound per run), the CPUTypes and ISA enums
 * (a member's value is its lower-case name), `get_cpu_type_from_str`. The rest of gem5 (boards, memories, the
 * simulator) is read from the syntax by gem5Model.ts; here it is a permissive module whose values are unknown.
 */
import type { ArgValues } from '../../types';
import type { ModuleObject } from '../heap';
import type { Interpreter } from '../interpreter';
import { born, touch } from '../journal';
import { NONE, UNKNOWN, str, type Value } from '../values';
import { GEM5_OUTDIR_KEY, module, nativeObject, normpath, posixJoin, pyToValue } from './stdlib';

function enumObject(interp: Interpreter, name: string): Value {
  const member = (k: Value | undefined) => (k?.kind === 'str' && /^[A-Z0-9_]+$/.test(k.value) ? str(k.value.toLowerCase()) : UNKNOWN);
  return nativeObject(name, null, (attr) => {
    if (attr === '__getitem__') return interp.nativeFn('__getitem__', ([k]) => member(k));
    return /^[A-Z0-9_]+$/.test(attr) ? str(attr.toLowerCase()) : undefined;
  });
}

export function gem5Module(name: string, interp: Interpreter, args: ArgValues | undefined): ModuleObject | undefined {
  switch (name) {
    case 'm5': {
      const outdir = args?.get(GEM5_OUTDIR_KEY);
      const options = nativeObject('m5.options', null, (attr) => (attr === 'outdir' && outdir ? pyToValue(interp, outdir) : UNKNOWN));
      const unknownFn = (n: string) => interp.nativeFn(n, () => UNKNOWN);
      return module('m5', {
        options,
        instantiate: unknownFn('instantiate'),
        simulate: unknownFn('simulate'),
        checkpoint: unknownFn('checkpoint'),
        curTick: unknownFn('curTick'),
        objects: { kind: 'ref', obj: interp.permissiveModule('m5.objects') },
        util: { kind: 'ref', obj: interp.native('m5.util')! },
        stats: { kind: 'ref', obj: interp.permissiveModule('m5.stats') },
      });
    }
    case 'm5.util': {
      // m5.util.addToPath(p): sys.path.insert(1, p), a relative p taken from sys.path[0], the script's folder
      // (gem5's src/python/m5/util/__init__.py) — how classic configs reach configs/common. The rest is unknown.
      const util = born<ModuleObject>({ type: 'module', name, attrs: new Map(), permissive: true });
      util.attrs.set('addToPath', interp.nativeFn('addToPath', ([p]) => {
        const path = interp.native('sys')?.attrs.get('path');
        if (p?.kind !== 'str' || path?.kind !== 'ref' || path.obj.type !== 'list') return NONE;
        const dir = interp.main.path.replace(/\/[^/]*$/, '') || '/';
        touch(path.obj);
        path.obj.items.splice(0, 0, str(normpath(p.value.startsWith('/') ? p.value : posixJoin([dir, p.value]))));
        return NONE;
      }));
      return util;
    }
    case 'gem5.components.processors.cpu_types':
      return module(name, {
        CPUTypes: enumObject(interp, 'CPUTypes'),
        get_cpu_type_from_str: interp.nativeFn('get_cpu_type_from_str', ([s]) => (s?.kind === 'str' ? str(s.value.toLowerCase()) : UNKNOWN)),
      });
    case 'gem5.isas':
      return module(name, {
        ISA: enumObject(interp, 'ISA'),
        get_isa_from_str: interp.nativeFn('get_isa_from_str', ([s]) => (s?.kind === 'str' ? str(s.value.toLowerCase()) : UNKNOWN)),
      });
    default:
      return undefined;
  }
}
