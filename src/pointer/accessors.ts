import { inspect } from 'node:util';
import { describeValue, InvalidArgumentError, InvalidValueError, OutOfBoundsError } from '../errors.js';
import {
  CLONE_GUARD,
  ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress,
} from '../types/clone-guard.js';
import type { AnyType, ArrayType, PointerType, PrimitiveKind, StructType } from '../types/type.js';
import { type Lifetime, throwUseAfterFree } from './lifetime.js';
import { readPointerField, writePointerField } from './pointer-fields.js';

/**
 * How values of each type are read from and written to native memory.
 *
 * Struct and array views are classes generated once per type with `new Function`: each field
 * accessor is its own function with its offset as a constant, so every field access site keeps a
 * monomorphic inline cache however many struct types a program uses. The generated code is small
 * and built only from the snippets below; field names reach it as data (`N[i]`), never as code.
 */

/** Symbol keys of a view's state, so no field name can collide with them. */
export const VIEW = Symbol('view');
export const OFFSET = Symbol('offset');
export const LIFETIME = Symbol('lifetime');

/** Reads and writes one value of a type at a byte offset of a memory view. */
export interface Codec {
  read(view: DataView, offset: number, lifetime: Lifetime): unknown;
  write(view: DataView, offset: number, value: unknown, lifetime: Lifetime): void;
}

interface PrimitiveCode {
  readonly read: string;
  readonly write: string;
  /** True when `x` cannot be written as is; 64-bit kinds then try to widen a safe integer. */
  readonly invalid: string;
}

const INT_RANGES: Record<string, string> = {
  u8: '0 to 255',
  i8: '-128 to 127',
  u16: '0 to 65535',
  i16: '-32768 to 32767',
  u32: '0 to 4294967295',
  i32: '-2147483648 to 2147483647',
  u64: '0n to 18446744073709551615n',
  usize: '0n to 18446744073709551615n',
  i64: '-9223372036854775808n to 9223372036854775807n',
  isize: '-9223372036854775808n to 9223372036854775807n',
};

const u64Code = {
  read: 'v.getBigUint64(o, true)',
  write: 'v.setBigUint64(o, x, true)',
  invalid: "typeof x !== 'bigint' || BigInt.asUintN(64, x) !== x",
};
const i64Code = {
  read: 'v.getBigInt64(o, true)',
  write: 'v.setBigInt64(o, x, true)',
  invalid: "typeof x !== 'bigint' || BigInt.asIntN(64, x) !== x",
};

const PRIMITIVE_CODE: Record<PrimitiveKind, PrimitiveCode> = {
  u8: { read: 'v.getUint8(o)', write: 'v.setUint8(o, x)', invalid: '(x & 0xff) !== x' },
  i8: { read: 'v.getInt8(o)', write: 'v.setInt8(o, x)', invalid: '((x << 24) >> 24) !== x' },
  u16: { read: 'v.getUint16(o, true)', write: 'v.setUint16(o, x, true)', invalid: '(x & 0xffff) !== x' },
  i16: { read: 'v.getInt16(o, true)', write: 'v.setInt16(o, x, true)', invalid: '((x << 16) >> 16) !== x' },
  u32: { read: 'v.getUint32(o, true)', write: 'v.setUint32(o, x, true)', invalid: '(x >>> 0) !== x' },
  i32: { read: 'v.getInt32(o, true)', write: 'v.setInt32(o, x, true)', invalid: '(x | 0) !== x' },
  f32: { read: 'v.getFloat32(o, true)', write: 'v.setFloat32(o, x, true)', invalid: "typeof x !== 'number'" },
  f64: { read: 'v.getFloat64(o, true)', write: 'v.setFloat64(o, x, true)', invalid: "typeof x !== 'number'" },
  bool: { read: 'v.getUint8(o) !== 0', write: 'v.setUint8(o, x ? 1 : 0)', invalid: "typeof x !== 'boolean'" },
  u64: u64Code,
  usize: u64Code,
  i64: i64Code,
  isize: i64Code,
};

const WIDENED_KINDS: ReadonlySet<PrimitiveKind> = new Set(['u64', 'i64', 'usize', 'isize']);

function rejectValue(value: unknown, kind: string, where: string): never {
  const expected =
    kind === 'bool'
      ? 'a boolean'
      : kind === 'f32' || kind === 'f64'
        ? 'a number'
        : WIDENED_KINDS.has(kind as PrimitiveKind)
          ? `a bigint (or a safe integer) from ${INT_RANGES[kind]}`
          : `an integer from ${INT_RANGES[kind]}`;
  throw new InvalidValueError(`${where} (${kind}) needs ${expected}; got ${describeValue(value)}.`);
}

/** 64-bit fields read as bigint but also accept safe-integer numbers in range. */
function widenValue(value: unknown, kind: string, where: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    const wide = BigInt(value);
    const fits = kind === 'i64' || kind === 'isize' ? BigInt.asIntN(64, wide) : BigInt.asUintN(64, wide);
    if (fits === wide) return wide;
  }
  return rejectValue(value, kind, where);
}

function outOfBounds(index: unknown, length: number, where: string): never {
  throw new OutOfBoundsError(
    `${where}: index ${describeValue(index)} is out of bounds; valid indices are whole numbers from 0 to ${length - 1}.`,
  );
}

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

function primitiveWriteSource(kind: PrimitiveKind, index: number): string {
  const code = PRIMITIVE_CODE[kind];
  const fix = WIDENED_KINDS.has(kind) ? 'widen' : 'reject';
  return `if (${code.invalid}) x = h.${fix}(x, '${kind}', W[${index}]); ${code.write};`;
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

function compile(source: string, base: Function, parts: GeneratedParts, names: readonly string[]): unknown {
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
  const at = `if ((i >>> 0) !== i || i >= ${type.length}) h.outOfBounds(i, ${type.length}, W[0]); const v = this[V], o = this[O] + i * ${type.element.size};`;
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
export class StructView extends CompositeView {
  [inspect.custom](depth: number, options: object): string {
    const type = structTypeOf(this);
    const fields = type.fields.map(
      (f) => `${f.name}: ${inspect(safeRead(this, f.name), { ...options, depth: depth - 1 })}`,
    );
    return `${type.name} { ${fields.join(', ')} }`;
  }
}

/** A live view of an inline array in native memory, bounds-checked. */
export class ArrayView extends CompositeView {
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

function copyBytes(from: CompositeView, to: DataView, offset: number, byteLength: number): void {
  const source = from[LIFETIME];
  if (source.live === false) throwUseAfterFree(source, 'the source of a copy');
  const bytes = new Uint8Array(from[VIEW].buffer, from[VIEW].byteOffset + from[OFFSET], byteLength);
  new Uint8Array(to.buffer, to.byteOffset + offset, byteLength).set(bytes);
}

function writeStruct(
  type: StructType,
  view: DataView,
  offset: number,
  value: unknown,
  lifetime: Lifetime,
): void {
  if (value instanceof viewClassOf(type)) {
    copyBytes(value, view, offset, type.size);
    return;
  }
  if (typeof value !== 'object' || value === null || value instanceof CompositeView || Array.isArray(value)) {
    throw new InvalidValueError(
      `${type.name} can be written from an object of its fields or a ${type.name} view; got ${describeValue(value)}.`,
    );
  }
  for (const [name, fieldValue] of Object.entries(value)) {
    const field = type.field(name);
    if (field === undefined) {
      throw new InvalidValueError(
        `${type.name} has no field ${describeValue(name)} (writing ${describeValue(value)}).`,
      );
    }
    codecOf(field.type).write(view, offset + field.offset, fieldValue, lifetime);
  }
}

function writeArray(
  type: ArrayType,
  view: DataView,
  offset: number,
  value: unknown,
  lifetime: Lifetime,
): void {
  if (value instanceof viewClassOf(type)) {
    copyBytes(value, view, offset, type.size);
    return;
  }
  const isArrayLike =
    Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView) && 'length' in value);
  if (!isArrayLike) {
    throw new InvalidValueError(
      `${type.name} can be written from an array of at most ${type.length} elements; got ${describeValue(value)}.`,
    );
  }
  const elements = value as ArrayLike<unknown>;
  if (elements.length > type.length) {
    throw new InvalidValueError(`${type.name} holds ${type.length} elements; got ${elements.length}.`);
  }
  const codec = codecOf(type.element);
  for (let i = 0; i < elements.length; i++)
    codec.write(view, offset + i * type.element.size, elements[i], lifetime);
}

function primitiveCodec(kind: PrimitiveKind): Codec {
  const code = PRIMITIVE_CODE[kind];
  const source = `return {
    read(v, o, l) { return ${code.read}; },
    write(v, o, x, l) { ${primitiveWriteSource(kind, 0)} },
  };`;
  return compile(source, Object, { types: [], where: ['element'] }, []) as Codec;
}

function voidAccess(): never {
  throw new InvalidArgumentError('a Pointer<void> has no values to read or write; cast it to a type first.');
}

function buildCodec(type: AnyType): Codec {
  switch (type.kind) {
    case 'primitive':
      return primitiveCodec(type.name);
    case 'pointer': {
      const target = (type as PointerType).target;
      return {
        read: (view, offset) => readPointerField(target, view, offset),
        write: (view, offset, value) => writePointerField(target, view, offset, value, type.name),
      };
    }
    case 'array':
    case 'struct':
    case 'union': {
      const viewClass = viewClassOf(type);
      const write = type.kind === 'array' ? writeArray : writeStruct;
      return {
        read: (view, offset, lifetime) => new viewClass(view, offset, lifetime),
        write: (view, offset, value, lifetime) => write(type as never, view, offset, value, lifetime),
      };
    }
    default:
      return { read: voidAccess, write: voidAccess };
  }
}

/** How to read and write values of `type`, built on first use and cached on the type. */
export function codecOf(type: AnyType): Codec {
  let codec = type.codec as Codec | undefined;
  if (codec === undefined) {
    codec = buildCodec(type);
    type.codec = codec;
  }
  return codec;
}
