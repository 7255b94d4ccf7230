/**
 * `typing` as config scripts use it at run time: annotations are not evaluated by the model, so only what changes
 * behaviour is modelled — `class Cfg(NamedTuple): name: str; size: int = 4` makes a tuple type (the annotations are
 * its fields, in order, with trailing defaults; the class's methods and properties apply to its tuples), and
 * TYPE_CHECKING is False. Any other name reads as unknown.
 */
import type { ClassObject, NamedTupleType } from '../heap';
import type { Interpreter } from '../interpreter';
import { FALSE, UNKNOWN, ref, str, type Value } from '../values';
import { namedTupleMake } from './collections';
import { module } from './stdlib';

export function typingModule(interp: Interpreter) {
  const base = interp.alloc<ClassObject>({ type: 'class', name: 'NamedTuple', bases: [], attrs: new Map(), qualname: 'NamedTuple' });
  base.namedTupleBase = true;
  return module('typing', { NamedTuple: ref(base), TYPE_CHECKING: FALSE });
}

/** After a class body deriving from NamedTuple (or from a NamedTuple class) ran: its tuple type. */
export function finishNamedTupleClass(interp: Interpreter, cls: ClassObject): void {
  const [base, ...others] = cls.bases;
  if (others.length || !base) return void (cls.incomplete ??= 'NamedTuple with several bases');
  if (base.namedTuple) {
    // A subclass of a NamedTuple class makes the same tuples under its own name (repr reads type(self).__name__).
    setTupleType(interp, cls, { ...base.namedTuple.type, typeName: cls.name, cls }, base.namedTuple.defaults);
    return;
  }
  const fields = (cls.annotations ?? []).map((a) => a.name);
  const defaults: Value[] = [];
  for (const f of fields) {
    const d = cls.attrs.get(f);
    if (d) defaults.push(d);
    // Python: "Non-default namedtuple field … cannot follow default field" (TypeError).
    else if (defaults.length) return void (cls.incomplete ??= 'a NamedTuple field without default follows one with a default');
  }
  if (fields.some((f) => f.startsWith('_')) || new Set(fields).size !== fields.length) return void (cls.incomplete ??= 'NamedTuple field names Python refuses');
  // On the class, a field is a tuple-item descriptor, not its default.
  for (const f of fields) cls.attrs.delete(f);
  setTupleType(interp, cls, { typeName: cls.name, fields, cls }, defaults);
}

function setTupleType(interp: Interpreter, cls: ClassObject, type: NamedTupleType, defaults: Value[]): void {
  cls.namedTuple = { type, defaults };
  cls.attrs.set('_fields', interp.list(type.fields.map((f) => str(f)), 'tuple'));
  cls.attrs.set('_make', namedTupleMake(interp, type));
  const firstDefault = type.fields.length - defaults.length;
  cls.attrs.set('_field_defaults', interp.dict(defaults.map((d, i) => ({ key: str(type.fields[firstDefault + i]), value: d }))));
}

/** `NamedTuple("Point", [("x", int), ("y", int)])`: the same class the class syntax makes, without defaults. */
export function namedTupleFunctional(interp: Interpreter, base: ClassObject, args: Value[], kw: Map<string, Value>): Value {
  const [name, spec] = args;
  if (name?.kind !== 'str' || args.length !== 2 || kw.size) return UNKNOWN;
  const pairs = interp.iterate(spec);
  const fields = pairs?.map((p) => {
    const kv = p.kind === 'ref' && (p.obj.type === 'tuple' || p.obj.type === 'list') ? p.obj.items : null;
    return kv?.length === 2 && kv[0].kind === 'str' ? kv[0].value : null;
  });
  if (!fields || fields.some((f) => f === null || f.startsWith('_')) || new Set(fields).size !== fields.length) return UNKNOWN;
  const cls = interp.alloc<ClassObject>({ type: 'class', name: name.value, bases: [base], attrs: new Map() });
  setTupleType(interp, cls, { typeName: name.value, fields: fields as string[], cls }, []);
  return ref(cls);
}
