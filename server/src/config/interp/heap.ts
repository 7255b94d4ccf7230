/**
 * Heap objects of the forward interpreter, each with identity and the place it was created. Mutation goes through
 * `touch()` so that a branch taken under an unknown condition can be undone and joined (see journal.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import type { ModuleContext, Scope } from './scope';
import type { SourceRef, Value } from './values';

interface Created {
  /** Where the object was made (the call or literal). */
  site?: SourceRef;
  /**
   * Set when something the interpreter could not follow may have changed the object (a write through an unknown
   * receiver, an unknown callee it was passed to, a loop that was not unrolled): its contents are then a lower
   * bound, not the truth.
   */
  incomplete?: string;
  /** Made on one side only of a branch whose condition is unknown. */
  maybe?: boolean;
}

export interface ListObject extends Created {
  type: 'list' | 'tuple' | 'set';
  items: Value[];
  /** A tuple made by a `collections.namedtuple` class: its fields name the items. */
  named?: NamedTupleType;
  /** A set an item was removed from: CPython's table keeps a dummy there, so its iteration order is not modelled. */
  removed?: boolean;
  /** A frozenset (prints as `frozenset({…})`, has no mutating methods). */
  frozen?: boolean;
}

export interface NamedTupleType {
  typeName: string;
  fields: string[];
  /** A `typing.NamedTuple` class: its methods and properties apply to the tuples it makes. */
  cls?: ClassObject;
}

/**
 * The `collections` dicts: an OrderedDict (prints and compares differently), a defaultdict (a missing key calls the
 * factory and is inserted), a Counter (a missing key reads 0, not inserted; update() adds counts).
 */
export type DictFlavor = { kind: 'ordered' } | { kind: 'default'; factory: Value } | { kind: 'counter' };

export interface DictEntry {
  key: Value;
  value: Value;
  /** The key and value expressions that put the entry there (for spans in findings and fixes). */
  keySrc?: SourceRef;
  valueSrc?: SourceRef;
}

export interface DictObject extends Created {
  type: 'dict';
  entries: DictEntry[];
  flavor?: DictFlavor;
  /** An instance of a script class deriving from dict (`class Params(dict)`): its class and own attributes. */
  cls?: ClassObject;
  attrs?: Map<string, Value>;
}

export interface FunctionObject extends Created {
  type: 'function';
  name: string;
  def: SyntaxNode;
  module: ModuleContext;
  /** The scope the function was defined in (closures read it at call time, as Python does). */
  closure: Scope;
  /** Default values, evaluated once at definition time. */
  defaults: Map<string, Value>;
  isLambda: boolean;
  /** How the class binds it: @staticmethod, @classmethod or @property (plain methods bind the instance). */
  binding?: 'static' | 'class' | 'property';
  /** A property's setter (`@name.setter`). */
  setter?: FunctionObject;
  /** The class whose body defined it (for zero-argument super()). */
  ownerClass?: ClassObject;
}

export interface ClassObject extends Created {
  type: 'class';
  name: string;
  bases: ClassObject[];
  attrs: Map<string, Value>;
  /** The method resolution order (C3), computed on first lookup; null when C3 has none (CPython refuses the class). */
  mro?: ClassObject[] | null;
  /** `name: type` annotations of the class body, in order (what @dataclass reads). */
  annotations?: { name: string; type: string }[];
  /** `__qualname__` when the model knows it (a class at module level or nested in such classes). */
  qualname?: string;
  /** Set by @dataclass: its fields, bases' first. */
  dataclassFields?: DataclassField[];
  /** @dataclass generated __eq__: instances of this very class are equal when their fields are. */
  dataclassEq?: boolean;
  /** @dataclass generated __hash__ too (frozen=True or unsafe_hash=True): equal instances are the same dict key. */
  dataclassHash?: boolean;
  /** `typing.NamedTuple` itself (what a NamedTuple class derives from). */
  namedTupleBase?: boolean;
  /** A class deriving from typing.NamedTuple: its instances are tuples of these fields (trailing defaults). */
  namedTuple?: { type: NamedTupleType; defaults: Value[] };
  /** The class derives from the builtin dict: its instances are dicts (DictObject.cls). */
  dictBase?: boolean;
  /** enum.Enum / IntEnum / StrEnum themselves (the bases enum classes derive from). */
  enumKind?: 'Enum' | 'IntEnum' | 'StrEnum';
  /** An enum class's members in definition order (aliases not repeated). */
  enumMembers?: InstanceObject[];
}

export interface DataclassField {
  name: string;
  /** The default value, or the default_factory to call; neither for a required field. */
  default?: Value;
  factory?: Value;
  init: boolean;
  repr: boolean;
}

export interface InstanceObject extends Created {
  type: 'instance';
  cls: ClassObject;
  attrs: Map<string, Value>;
}

export interface ModuleObject extends Created {
  type: 'module';
  name: string;
  attrs: Map<string, Value>;
  /** A module the interpreter could not load: every attribute is an unknown value. */
  permissive: boolean;
}

export interface NativeCall {
  (args: Value[], kwargs: Map<string, Value>, call: CallSite): Value;
}

/** A call site as natives see it: the node, its file and the interpreter services they may need. */
export interface CallSite {
  node: SyntaxNode;
  module: ModuleContext;
  /** Source of each positional argument and keyword argument (for spans). */
  argSrc: (SourceRef | undefined)[];
  kwSrc: Map<string, SourceRef>;
}

export interface NativeFunction extends Created {
  type: 'native';
  name: string;
  call: NativeCall;
  /** A native stored in a class that binds the instance like a def does (a generated __init__/__repr__). */
  method?: boolean;
  /** Attributes of the callable itself (`object.__setattr__`). */
  attrs?: Map<string, Value>;
}

export interface BoundMethod extends Created {
  type: 'bound';
  self: Value;
  fn: FunctionObject | NativeFunction;
}

/** An object of a domain library (SST component, link, UnitAlgebra, argparse parser, …), with its own attributes. */
export interface NativeObject extends Created {
  type: 'object';
  className: string;
  /** The domain's own record (e.g. an SstComponentRecord). */
  data: unknown;
  getAttr: (name: string, self: NativeObject) => Value | undefined;
  /** bool(obj) when it is not simply True (a zero UnitAlgebra is falsy); null when unknown. */
  truth?: boolean | null;
}

export type HeapObject =
  | ListObject
  | DictObject
  | FunctionObject
  | ClassObject
  | InstanceObject
  | ModuleObject
  | NativeFunction
  | BoundMethod
  | NativeObject;
