/**
 * `dataclasses` as config scripts use it: @dataclass (with or without options) reads the class body's annotations
 * and gives the class the __init__ and __repr__ CPython generates; field(default=…, default_factory=…, init=…,
 * repr=…), asdict, replace, fields, is_dataclass. Options that change the generated code in ways not modelled
 * (kw_only, InitVar, slots) make the class unknown rather than wrong.
 */
import type { ClassObject, DataclassField, InstanceObject } from '../heap';
import { touch } from '../journal';
import type { Interpreter } from '../interpreter';
import { reprOf } from '../builtins';
import { FALSE, NONE, TRUE, UNKNOWN, ref, str, type Value } from '../values';
import { module, nativeObject } from './stdlib';

const FIELD = 'dataclasses.Field';
/** @dataclass's options and their defaults (Python 3.11). */
const OPTION_DEFAULTS: Record<string, boolean> = { init: true, repr: true, eq: true, order: false, frozen: false, unsafe_hash: false, match_args: true };
const OPTIONS = new Set(Object.keys(OPTION_DEFAULTS));

interface FieldSpec {
  default?: Value;
  factory?: Value;
  init: boolean;
  repr: boolean;
}

export function dataclassesModule(interp: Interpreter) {
  const fn = (n: string, f: (a: Value[], kw: Map<string, Value>) => Value) => interp.nativeFn(n, (a, kw) => f(a, kw));
  const decorate = (cls: Value, kw: Map<string, Value>): Value =>
    cls.kind === 'ref' && cls.obj.type === 'class' ? makeDataclass(interp, cls.obj, kw) : UNKNOWN;
  return module('dataclasses', {
    dataclass: fn('dataclass', ([cls], kw) => (cls ? decorate(cls, kw) : fn('dataclass', ([c]) => (c ? decorate(c, kw) : UNKNOWN)))),
    field: fn('field', (args, kw) => {
      if (args.length || [...kw.keys()].some((k) => !['default', 'default_factory', 'init', 'repr', 'compare', 'hash', 'metadata'].includes(k))) return UNKNOWN;
      const flag = (k: string) => kw.get(k) ?? TRUE;
      const init = flag('init');
      const repr = flag('repr');
      if (init.kind !== 'bool' || repr.kind !== 'bool') return UNKNOWN;
      const spec: FieldSpec = { default: kw.get('default'), factory: kw.get('default_factory'), init: init.value, repr: repr.value };
      return nativeObject(FIELD, spec, () => undefined);
    }),
    asdict: fn('asdict', ([obj], kw) => (obj && kw.size === 0 ? asDict(interp, obj, 0) : UNKNOWN)),
    replace: fn('replace', ([obj, ...rest], kw) => {
      const o = obj?.kind === 'ref' && obj.obj.type === 'instance' ? obj.obj : null;
      const fields = o?.cls.dataclassFields;
      if (!o || !fields || rest.length || o.incomplete) return UNKNOWN;
      const merged = new Map(fields.filter((f) => f.init).map((f) => [f.name, o.attrs.get(f.name) ?? UNKNOWN] as const));
      for (const [k, v] of kw) {
        if (!merged.has(k)) return UNKNOWN; // Python raises
        merged.set(k, v);
      }
      return interp.callValue(ref(o.cls), [], merged, null);
    }),
    fields: fn('fields', ([x]) => {
      const cls = classOf(x);
      const fields = cls?.dataclassFields;
      return fields ? interp.list(fields.map((f) => nativeObject(FIELD, f, (a) => (a === 'name' ? str(f.name) : undefined))), 'tuple') : UNKNOWN;
    }),
    is_dataclass: fn('is_dataclass', ([x]) => {
      const cls = classOf(x);
      return cls ? (cls.dataclassFields ? TRUE : cls.incomplete ? UNKNOWN : FALSE) : x && x.kind !== 'unknown' && x.kind !== 'ref' ? FALSE : UNKNOWN;
    }),
  });
}

function classOf(x: Value | undefined): ClassObject | null {
  if (x?.kind !== 'ref') return null;
  return x.obj.type === 'class' ? x.obj : x.obj.type === 'instance' ? x.obj.cls : null;
}

function makeDataclass(interp: Interpreter, cls: ClassObject, kw: Map<string, Value>): Value {
  if ([...kw].some(([k, v]) => !OPTIONS.has(k) || v.kind !== 'bool')) return UNKNOWN;
  const option = (k: string) => (kw.get(k) as { value: boolean } | undefined)?.value ?? OPTION_DEFAULTS[k];
  if (cls.incomplete) return UNKNOWN;
  // Fields of dataclass bases first (most basic first), then this class's own annotations, later ones replacing.
  const byName = new Map<string, DataclassField>();
  for (const base of [...cls.bases].reverse()) for (const f of base.dataclassFields ?? []) byName.set(f.name, f);
  touch(cls.attrs);
  for (const a of cls.annotations ?? []) {
    if (/^(?:typing\.)?ClassVar\b/.test(a.type)) continue;
    if (/^(?:dataclasses\.)?(?:InitVar|KW_ONLY)\b/.test(a.type)) return UNKNOWN;
    const declared = cls.attrs.get(a.name);
    const spec = fieldSpecOf(declared);
    if (!spec) return UNKNOWN;
    if (spec.default) cls.attrs.set(a.name, spec.default);
    else if (declared) cls.attrs.delete(a.name); // a field() without a default leaves no class attribute
    byName.set(a.name, { name: a.name, ...spec });
  }
  const fields = [...byName.values()];
  // Python refuses a required init field after one with a default.
  const initFields = fields.filter((f) => f.init);
  const firstDefault = initFields.findIndex((f) => f.default || f.factory);
  if (firstDefault >= 0 && initFields.slice(firstDefault).some((f) => !f.default && !f.factory)) return UNKNOWN;
  cls.dataclassFields = fields;
  if (option('init') && !cls.attrs.has('__init__')) cls.attrs.set('__init__', method(interp, '__init__', (self, args, kwargs) => initInstance(interp, self, fields, args, kwargs)));
  if (option('eq') && !cls.attrs.has('__eq__')) cls.dataclassEq = true;
  if (cls.dataclassEq && (option('frozen') || option('unsafe_hash')) && !cls.attrs.has('__hash__')) cls.dataclassHash = true;
  if (option('repr') && !cls.attrs.has('__repr__')) cls.attrs.set('__repr__', method(interp, '__repr__', (self) => reprInstance(interp, self, fields)));
  return ref(cls);
}

/** What a class body's `name: T = value` declares: a plain default, a field(...), or nothing (required). */
function fieldSpecOf(declared: Value | undefined): FieldSpec | null {
  if (!declared) return { init: true, repr: true };
  if (declared.kind === 'ref' && declared.obj.type === 'object' && declared.obj.className === FIELD) return declared.obj.data as FieldSpec;
  // CPython refuses a mutable default (list, dict, set): default_factory is the way.
  if (declared.kind === 'ref' && ['list', 'dict', 'set'].includes(declared.obj.type)) return null;
  return { default: declared, init: true, repr: true };
}

function method(interp: Interpreter, name: string, body: (self: InstanceObject, args: Value[], kw: Map<string, Value>) => Value): Value {
  const m = interp.nativeFn(name, ([self, ...args], kw) => (self?.kind === 'ref' && self.obj.type === 'instance' ? body(self.obj, args, kw) : UNKNOWN));
  (m as { obj: { method?: boolean } }).obj.method = true;
  return m;
}

function initInstance(interp: Interpreter, self: InstanceObject, fields: DataclassField[], args: Value[], kw: Map<string, Value>): Value {
  const initFields = fields.filter((f) => f.init);
  if (args.length > initFields.length) return markLost(self);
  const values = new Map<string, Value>();
  initFields.forEach((f, i) => {
    if (i < args.length) values.set(f.name, args[i]);
  });
  for (const [k, v] of kw) {
    if (values.has(k) || !initFields.some((f) => f.name === k)) return markLost(self); // TypeError in Python
    values.set(k, v);
  }
  touch(self.attrs);
  for (const f of fields) {
    let v = values.get(f.name);
    if (v === undefined) {
      if (f.factory) v = interp.callValue(f.factory, [], new Map(), null);
      else if (f.default) v = f.default;
      else if (f.init) return markLost(self); // a required argument is missing
    }
    if (v !== undefined) self.attrs.set(f.name, v);
  }
  const post = interp.lookupClassAttr(self.cls, '__post_init__');
  if (post) interp.callValue(interp.getAttr(ref(self), '__post_init__'), [], new Map(), null);
  return NONE;
}

function markLost(self: InstanceObject): Value {
  self.incomplete ??= 'its dataclass __init__ was called with arguments Python refuses';
  return UNKNOWN;
}

/** `Name(a=1, b='x')` with __qualname__, as the generated __repr__ prints it; null where a part is unknown. */
function reprInstance(interp: Interpreter, self: InstanceObject, fields: DataclassField[]): Value {
  if (!self.cls.qualname || self.incomplete) return UNKNOWN;
  const parts: string[] = [];
  for (const f of fields.filter((x) => x.repr)) {
    const v = self.attrs.get(f.name);
    const r = v ? reprOf(interp, v) : null;
    if (r === null) return UNKNOWN;
    parts.push(`${f.name}=${r}`);
  }
  return str(`${self.cls.qualname}(${parts.join(', ')})`);
}

/** dataclasses.asdict: fields to a dict, recursing into dataclasses, lists, tuples and dicts (copies). */
function asDict(interp: Interpreter, v: Value, depth: number): Value {
  if (depth > 16 || v.kind !== 'ref') return depth > 16 ? UNKNOWN : v;
  const o = v.obj;
  if (o.type === 'instance' && o.cls.dataclassFields) {
    if (o.incomplete) return UNKNOWN;
    return interp.dict(o.cls.dataclassFields.map((f) => ({ key: str(f.name), value: asDict(interp, o.attrs.get(f.name) ?? UNKNOWN, depth + 1) })));
  }
  if (depth === 0) return UNKNOWN; // TypeError: asdict() should be called on dataclass instances
  if ((o.type === 'list' || o.type === 'tuple') && !o.named) return o.incomplete ? UNKNOWN : interp.list(o.items.map((x) => asDict(interp, x, depth + 1)), o.type);
  if (o.type === 'dict' && !o.flavor) return o.incomplete ? UNKNOWN : interp.dict(o.entries.map((e) => ({ key: asDict(interp, e.key, depth + 1), value: asDict(interp, e.value, depth + 1) })));
  // Anything else is deep-copied by asdict: functions, classes and modules are kept by deepcopy; other objects are not
  // modelled as copies.
  return o.type === 'function' || o.type === 'class' || o.type === 'module' || o.type === 'native' ? v : UNKNOWN;
}
