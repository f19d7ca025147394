import { inspect } from 'node:util';
import {
  CLONE_GUARD,
  ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress,
} from '../types/clone-guard.js';
import type { AnyType, ArrayType, StructType } from '../types/type.js';
import { bitFieldSource, rejectBits } from './bit-field-code.js';
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

/**
 * A view's bytes, for copying one struct or array into another: `view[VIEW_BYTES]()` checks the
 * view is live and returns its bytes. A symbol key, so no field name can collide with it.
 */
export const VIEW_BYTES = Symbol('view bytes');

/**
 * How to read and write values of a type (codecs.ts's `codecOf`), for the fields of composite
 * type in generated views. codecs.ts is above this module (a struct's codec writes through its
 * view class), so it hands `codecOf` over when it loads, before any view class is generated.
 */
let codecOf: (type: AnyType) => unknown;

/** Called once by codecs.ts. */
export function useCodecs(codecs: (type: AnyType) => unknown): void {
  codecOf = codecs;
}

/** What generated code calls out to; passed in as `h`. */
const helpers = {
  dead: throwUseAfterFree,
  reject: rejectValue,
  widen: widenValue,
  outOfBounds,
  cloneGuard: ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress,
  readPointer: readPointerField,
  writePointer: writePointerField,
  rejectBits,
};

/**
 * The base of every generated struct, union and array view: the prototype chain (`instanceof`,
 * shared methods). Generated classes do not `extends` it but link their prototype to it: V8
 * (Node 20) cannot elide a derived-class instance, and a view that is made, written once and
 * dropped should cost nothing. A view's state (memory view, offset, lifetime) is in private
 * fields: a region view spans 4 GiB, mostly unmapped, and as an own property it would be walked
 * by util.inspect({ customInspect: false }) and assert.deepStrictEqual, segfaulting the process.
 */
export abstract class CompositeView {
  /** Makes structured clone fail with a message that says what to do (see clone-guard.ts). */
  declare readonly [CLONE_GUARD]: object;
  /** @internal The view's bytes, once its lifetime is checked. */
  declare [VIEW_BYTES]: () => Uint8Array;
}

/** The state and constructor of every generated view of `size` bytes, as source. */
function viewStateSource(size: number): string {
  return `#v; #o; #l;
constructor(v, o, l) { this[${JSON.stringify(CLONE_GUARD)}] = h.cloneGuard; this.#v = v; this.#o = o; this.#l = l; }
[B]() { const l = this.#l; if (l.live === false) h.dead(l, 'the source of a copy'); const v = this.#v; return new Uint8Array(v.buffer, v.byteOffset + this.#o, ${size}); }`;
}

/** Source that makes a view class of `size` bytes with `members`, inheriting from `Base`'s prototype. */
function viewClassSource(size: number, members: string): string {
  // make: a constructor call of this class alone, so its feedback never sees another view class.
  return `const View = class {\n${viewStateSource(size)}\nstatic make(v, o, l) { return new View(v, o, l); }\n${members}\n};
Object.setPrototypeOf(View.prototype, Base.prototype);
return View;`;
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

const LIVE_CHECK = 'const l = this.#l; if (l.live === false) h.dead(l, W[$]);';

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
  const factory = new Function('Base', 'h', 'B', 'N', 'W', 'T', 'C', 'K', `'use strict';\n${source}`);
  return factory(base, helpers, VIEW_BYTES, names, parts.where, targets, classes, codecs);
}

/** A view of a struct, union or array at `offset` in `view`, checked against `lifetime` on every access. */
export type ViewMaker = (view: DataView, offset: number, lifetime: Lifetime) => CompositeView;

/** A generated view class: `new ViewClass(view, offset, lifetime)`, or `ViewClass.make(…)`. */
export type ViewClass = (new (
  view: DataView,
  offset: number,
  lifetime: Lifetime,
) => CompositeView) & {
  readonly make: ViewMaker;
};
const typeOfView = new WeakMap<Function, StructType | ArrayType>();

function structViewClass(type: StructType): ViewClass {
  const members = type.fields.map((field, i) => {
    const check = LIVE_CHECK.replace('$', String(i));
    const at = `const v = this.#v, o = this.#o + ${field.offset};`;
    const code = field.bitWidth === undefined ? undefined : bitFieldSource(field, i);
    return (
      `get [N[${i}]]() { ${check} ${at} return ${code?.read ?? readSource(field.type, i)}; }\n` +
      `set [N[${i}]](x) { ${check} ${at} ${code?.write ?? writeSource(field.type, i)} }`
    );
  });
  const parts = {
    types: type.fields.map((f) => f.type),
    where: type.fields.map((f) => `${type.name}.${f.name}`),
  };
  const names = type.fields.map((f) => f.name);
  return compile(viewClassSource(type.size, members.join('\n')), StructView, parts, names) as ViewClass;
}

function arrayViewClass(type: ArrayType): ViewClass {
  const check = LIVE_CHECK.replace('$', '0');
  const at = `if (typeof i !== 'number' || (i >>> 0) !== i || i >= ${type.length}) h.outOfBounds(i, ${type.length}, W[0]); const v = this.#v, o = this.#o + i * ${type.element.size};`;
  const source = viewClassSource(
    type.size,
    `get length() { return ${type.length}; }
    get(i) { ${check} ${at} return ${readSource(type.element, 0)}; }
    set(i, x) { ${check} ${at} ${writeSource(type.element, 0)} }`,
  );
  return compile(source, ArrayView, { types: [type.element], where: [type.name] }, []) as ViewClass;
}

/** The generated view class of a struct, union or array type, cached on the type object. */
export function viewClassOf(type: StructType | ArrayType): ViewClass {
  let viewClass = type.viewClass as ViewClass | undefined;
  if (viewClass === undefined) {
    viewClass = type.kind === 'array' ? arrayViewClass(type) : structViewClass(type);
    type.viewClass = viewClass;
    type.makeView = viewClass.make as NonNullable<typeof type.makeView>;
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

  /** The fields, read now, for `JSON.stringify` (nested structs and arrays as their own JSON). */
  toJSON(): Record<string, unknown> {
    const fields = structTypeOf(this).fields;
    return Object.fromEntries(
      fields.map((f) => [f.name, (this as unknown as Record<string, unknown>)[f.name]]),
    );
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

  /** The elements, read now, for `JSON.stringify`. */
  toJSON(): unknown[] {
    return this.toArray();
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
