/**
 * `enum` as config scripts use it: `class Kind(Enum): LOCAL = "local"` makes one member per name (aliases for a
 * repeated value), `auto()`, `Kind("local")`, `Kind["LOCAL"]`, iteration in definition order, `.name`/`.value`,
 * identity equality, `str()`/`repr()`. What depends on the Python version (str() of an IntEnum member changed in 3.11)
 * or is not modelled (Flag, a custom __new__/__init__ or _generate_next_value_) is unknown rather than wrong.
 */
import type { ClassObject, InstanceObject } from '../heap';
import { touch } from '../journal';
import type { Interpreter } from '../interpreter';
import { reprOf, valueEquals } from '../builtins';
import { PyRaise } from '../limits';
import { UNKNOWN, int, ref, str, type Value } from '../values';
import { module, nativeObject } from './stdlib';

export type EnumKind = 'Enum' | 'IntEnum' | 'StrEnum';
const AUTO = 'enum.auto';

export function enumModule(interp: Interpreter) {
  const enumBase = (name: string, kind: EnumKind | null, bases: ClassObject[]): ClassObject => {
    const cls = interp.alloc<ClassObject>({ type: 'class', name, bases, attrs: new Map(), qualname: name });
    if (kind) cls.enumKind = kind;
    else cls.incomplete = `the model does not follow enum.${name}`;
    return cls;
  };
  const Enum = enumBase('Enum', 'Enum', []);
  // str() of an IntEnum member is its int from Python 3.11 on, `Kind.NAME` before: unknown.
  Enum.attrs.set('__str__', memberMethod(interp, '__str__', (m, kind) => (kind === 'Enum' ? str(`${m.cls.name}.${memberName(m)}`) : kind === 'StrEnum' ? memberValue(m) : UNKNOWN)));
  Enum.attrs.set('__repr__', memberMethod(interp, '__repr__', (m) => {
    const r = reprOf(interp, memberValue(m));
    return r === null ? UNKNOWN : str(`<${m.cls.name}.${memberName(m)}: ${r}>`);
  }));
  const Flag = enumBase('Flag', null, [Enum]);
  return module('enum', {
    Enum: ref(Enum),
    IntEnum: ref(enumBase('IntEnum', 'IntEnum', [Enum])),
    StrEnum: ref(enumBase('StrEnum', 'StrEnum', [Enum])),
    Flag: ref(Flag),
    IntFlag: ref(enumBase('IntFlag', null, [Flag])),
    auto: interp.nativeFn('auto', (args, kw) => (args.length || kw.size ? UNKNOWN : nativeObject(AUTO, null, () => undefined))),
    unique: interp.nativeFn('unique', ([cls]) => cls ?? UNKNOWN),
  });
}

function memberName(m: InstanceObject): string {
  const n = m.attrs.get('_name_');
  return n?.kind === 'str' ? n.value : '?';
}

function memberValue(m: InstanceObject): Value {
  return m.attrs.get('_value_') ?? UNKNOWN;
}

function memberMethod(interp: Interpreter, name: string, body: (m: InstanceObject, kind: EnumKind) => Value): Value {
  const fn = interp.nativeFn(name, ([self]) => {
    if (self?.kind !== 'ref' || self.obj.type !== 'instance' || !self.obj.cls.enumMembers) return UNKNOWN;
    const kind = enumKindOf(self.obj.cls);
    return kind ? body(self.obj, kind) : UNKNOWN;
  });
  (fn as { obj: { method?: boolean } }).obj.method = true;
  return fn;
}

/** The kind of enum a class derives from (its nearest enum base), or null for a plain class. */
export function enumKindOf(cls: ClassObject, seen = new Set<ClassObject>()): EnumKind | null {
  if (cls.enumKind) return cls.enumKind;
  if (seen.has(cls)) return null;
  seen.add(cls);
  for (const b of cls.bases) {
    const k = enumKindOf(b, seen);
    if (k) return k;
  }
  return null;
}

/**
 * Turns a just-defined enum class's names into members, as EnumType does when the class statement ends. A base
 * that already has members cannot be extended (TypeError): the class is then incomplete.
 */
export function finishEnumClass(interp: Interpreter, cls: ClassObject): void {
  const kind = enumKindOf(cls);
  if (!kind) return;
  if (cls.bases.some((b) => b.enumMembers?.length) || cls.attrs.has('__new__') || cls.attrs.has('__init__') || cls.attrs.has('_generate_next_value_')) {
    cls.incomplete ??= 'an enum the model does not follow';
    return;
  }
  const members: InstanceObject[] = [];
  touch(cls.attrs);
  let last: Value | null = null;
  for (const [name, v] of [...cls.attrs]) {
    if (name.startsWith('__') && name.endsWith('__')) continue;
    if (v.kind === 'ref' && ['function', 'native', 'bound', 'class'].includes(v.obj.type)) continue;
    if (name.startsWith('_')) {
      cls.incomplete ??= `an enum name the model does not follow (${name})`;
      return;
    }
    let value = v;
    if (v.kind === 'ref' && v.obj.type === 'object' && v.obj.className === AUTO) {
      if (kind === 'StrEnum') value = str(name.toLowerCase());
      else if (last === null) value = int(1n);
      else if (last.kind === 'int') value = int(last.value + 1n);
      else {
        cls.incomplete ??= 'auto() after a value that is not an int';
        return;
      }
    }
    if ((kind === 'IntEnum' && value.kind !== 'int') || (kind === 'StrEnum' && value.kind !== 'str') || value.kind === 'unknown') {
      cls.incomplete ??= `an enum value the model does not know (${name})`;
      return;
    }
    last = value;
    const same = members.map((m) => valueEquals(interp, memberValue(m), value));
    if (same.includes(null)) {
      cls.incomplete ??= 'enum values the model cannot compare';
      return;
    }
    const alias = members[same.indexOf(true)];
    if (alias) {
      cls.attrs.set(name, ref(alias));
      continue;
    }
    const m = interp.alloc<InstanceObject>({ type: 'instance', cls, attrs: new Map([['_name_', str(name)], ['_value_', value], ['name', str(name)], ['value', value]]) });
    members.push(m);
    cls.attrs.set(name, ref(m));
  }
  cls.enumMembers = members;
}

/** `Kind(value)`: the member with that value (ValueError when none has it). */
export function enumLookup(interp: Interpreter, cls: ClassObject, value: Value): Value {
  const members = cls.enumMembers ?? [];
  if (cls.incomplete) return UNKNOWN;
  const hits = members.map((m) => (m.attrs.get('_value_') === undefined ? null : valueEquals(interp, memberValue(m), value)));
  const i = hits.indexOf(true);
  if (i >= 0) return ref(members[i]);
  if (hits.includes(null) || value.kind === 'unknown') return UNKNOWN;
  throw new PyRaise('ValueError');
}

/** `Kind["NAME"]`: the member (or alias) of that name (KeyError when none). */
export function enumByName(cls: ClassObject, key: Value): Value {
  if (cls.incomplete || key.kind !== 'str') return UNKNOWN;
  const v = cls.attrs.get(key.value);
  if (v?.kind === 'ref' && v.obj.type === 'instance' && cls.enumMembers?.includes(v.obj)) return v;
  throw new PyRaise('KeyError');
}

/**
 * `==` with an enum member on either side: plain Enum members are equal only to themselves; IntEnum and StrEnum
 * members compare as their int or str. undefined when neither side is a member.
 */
export function enumEquals(interp: Interpreter, a: Value, b: Value): boolean | null | undefined {
  const member = (v: Value) => (v.kind === 'ref' && v.obj.type === 'instance' && v.obj.cls.enumMembers?.includes(v.obj) ? v.obj : null);
  const ma = member(a);
  const mb = member(b);
  if (!ma && !mb) return undefined;
  if (ma && mb && ma === mb) return true;
  const asPlain = (m: InstanceObject | null, v: Value) => (m && enumKindOf(m.cls) !== 'Enum' ? memberValue(m) : m ? null : v);
  const x = asPlain(ma, a);
  const y = asPlain(mb, b);
  if (x === null || y === null) return x === null && y === null ? false : (x ?? y)!.kind === 'unknown' ? null : false;
  return valueEquals(interp, x, y);
}
