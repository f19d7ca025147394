import { inspect } from 'node:util';
import {
  CLONE_GUARD,
  ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress,
} from '../types/clone-guard.js';
import type { AnyType, ArrayType, StructType } from '../types/type.js';
import { codecOf } from './codecs.js';
import { type Lifetime, throwUseAfterFree } from './lifetime.js';
import { readPointerField, writePointerField } from './pointer-fields.js';
import {
  outOfBounds,
  PRIMITIVE_CODE,
  primitiveWriteSource,
  rejectValue,
  widenValue,
} from './primitive-code.js';

/**
 * How values of each type are read from and written to native memory.
 *
 * Struct and array views are classes generated once per type with `new Function`: each field
 * accessor is its own function with its offset as a constant, so every field access site keeps a
 * monomorphic inline cache however many struct types a program uses. The generated code is small
 * and built only from the snippets in primitive-code.ts and here; field names reach it as data
 * (`N[i]`), never as code.
 */

/** Symbol keys of a view's state, so no field name can collide with them. */
export const VIEW = Symbol('view');
export const OFFSET = Symbol('offset');
export const LIFETIME = Symbol('lifetime');

/** What generated code calls out to; passed in as `h`. */
const helpers = {
  dead: throwUseAfterFree,
  reject: rejectValue,
  widen: widenValue,
  outOfBounds,
  readPointer: readPointerField,
  writePointer: writePointerField,
};

/** The base class of every generated struct, union and array view. */
export class CompositeView {
  declare [VIEW]: DataView;
  declare [OFFSET]: number;
  declare [LIFETIME]: Lifetime;
  /** First string-keyed own property: makes structured clone fail cleanly (see clone-guard.ts). */
  declare readonly [CLONE_GUARD]: () => void;
  constructor(view: DataView, offset: number, lifetime: Lifetime) {
    (this as { [CLONE_GUARD]: unknown })[CLONE_GUARD] =
      ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress;
    this[VIEW] = view;
    this[OFFSET] = offset;
    this[LIFETIME] = lifetime;
  }
}

/** The generated accessors' view of a value of `type` at `v`/`o`, as source code. */
function readSource(type: AnyType, index: number): string {
  switch (type.kind) {
    case 'primitive':
      return PRIMITIVE_CODE[type.name].read;
    case 'pointer':
      return `h.readPointer(T[${index}], v, o)`;
    default:
      return `new C[${index}](v, o, l)`;
  }
}

function writeSource(type: AnyType, index: number): string {
  switch (type.kind) {
    case 'primitive':
      return primitiveWriteSource(type.name, index);
    case 'pointer':
      return `h.writePointer(T[${index}], v, o, x, W[${index}]);`;
    default:
      return `K[${index}].write(v, o, x, l);`;
  }
}

const LIVE_CHECK = 'const l = this[L]; if (l.live === false) h.dead(l, W[$]);';

interface GeneratedParts {
  readonly types: readonly AnyType[];
  readonly where: readonly string[];
}

/** Compiles generated view code with the values it refers to. */
export function compile(
  source: string,
  base: Function,
  parts: GeneratedParts,
  names: readonly string[],
): unknown {
  const classes = parts.types.map((t) =>
    t.kind === 'struct' || t.kind === 'union' || t.kind === 'array' ? viewClassOf(t) : undefined,
  );
  const codecs = parts.types.map((t) =>
    t.kind === 'struct' || t.kind === 'union' || t.kind === 'array' ? codecOf(t) : undefined,
  );
  const targets = parts.types.map((t) => (t.kind === 'pointer' ? t.target : undefined));
  const factory = new Function(
    'Base',
    'h',
    'V',
    'O',
    'L',
    'N',
    'W',
    'T',
    'C',
    'K',
    `'use strict';\n${source}`,
  );
  return factory(base, helpers, VIEW, OFFSET, LIFETIME, names, parts.where, targets, classes, codecs);
}

/** A generated view class: `new ViewClass(view, offset, lifetime)`. */
export type ViewClass = new (view: DataView, offset: number, lifetime: Lifetime) => CompositeView;
const typeOfView = new WeakMap<Function, StructType | ArrayType>();

function structViewClass(type: StructType): ViewClass {
  const members = type.fields.map((field, i) => {
    const check = LIVE_CHECK.replace('$', String(i));
    const at = `const v = this[V], o = this[O] + ${field.offset};`;
    return (
      `get [N[${i}]]() { ${check} ${at} return ${readSource(field.type, i)}; }\n` +
      `set [N[${i}]](x) { ${check} ${at} ${writeSource(field.type, i)} }`
    );
  });
  const parts = {
    types: type.fields.map((f) => f.type),
    where: type.fields.map((f) => `${type.name}.${f.name}`),
  };
  const names = type.fields.map((f) => f.name);
  const generated = compile(
    `return class extends Base {\n${members.join('\n')}\n};`,
    StructView,
    parts,
    names,
  );
  return generated as ViewClass;
}

function arrayViewClass(type: ArrayType): ViewClass {
  const check = LIVE_CHECK.replace('$', '0');
  const at = `if (typeof i !== 'number' || (i >>> 0) !== i || i >= ${type.length}) h.outOfBounds(i, ${type.length}, W[0]); const v = this[V], o = this[O] + i * ${type.element.size};`;
  const source = `return class extends Base {
    get length() { return ${type.length}; }
    get(i) { ${check} ${at} return ${readSource(type.element, 0)}; }
    set(i, x) { ${check} ${at} ${writeSource(type.element, 0)} }
  };`;
  return compile(source, ArrayView, { types: [type.element], where: [type.name] }, []) as ViewClass;
}

/** The generated view class of a struct, union or array type, cached on the type object. */
export function viewClassOf(type: StructType | ArrayType): ViewClass {
  let viewClass = type.viewClass as ViewClass | undefined;
  if (viewClass === undefined) {
    viewClass = type.kind === 'array' ? arrayViewClass(type) : structViewClass(type);
    type.viewClass = viewClass;
    typeOfView.set(viewClass, type);
  }
  return viewClass;
}

/** A live view of a struct or union in native memory: one accessor per field. */
class StructView extends CompositeView {
  [inspect.custom](depth: number, options: object): string {
    const type = structTypeOf(this);
    const fields = type.fields.map(
      (f) => `${f.name}: ${inspect(safeRead(this, f.name), { ...options, depth: depth - 1 })}`,
    );
    return `${type.name} { ${fields.join(', ')} }`;
  }
}

/** A live view of an inline array in native memory, bounds-checked. */
class ArrayView extends CompositeView {
  declare readonly length: number;
  declare get: (index: number) => unknown;
  declare set: (index: number, value: unknown) => void;

  *[Symbol.iterator](): IterableIterator<unknown> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  /** The elements as a JavaScript array (composite elements stay live views). */
  toArray(): unknown[] {
    return Array.from(this);
  }

  [inspect.custom](depth: number, options: object): string {
    return `[${this.toArray().map((e) => inspect(e, { ...options, depth: depth - 1 }))}]`;
  }
}

function structTypeOf(view: CompositeView): StructType {
  return typeOfView.get(view.constructor) as StructType;
}

function safeRead(view: object, key: string): unknown {
  try {
    return (view as Record<string, unknown>)[key];
  } catch (error) {
    return `<${(error as Error).name}>`;
  }
}
