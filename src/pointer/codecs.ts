import { describeValue, InvalidArgumentError, InvalidValueError } from '../errors.js';
import type { AnyType, ArrayType, PointerType, PrimitiveKind, StructType } from '../types/type.js';
import { CompositeView, compile, useCodecs, VIEW_BYTES, viewClassOf } from './accessors.js';
import type { Lifetime } from './lifetime.js';
import { readPointerField, writePointerField } from './pointer-fields.js';
import { PRIMITIVE_CODE, primitiveWriteSource } from './primitive-code.js';

/** Reads and writes one value of a type at a byte offset of a memory view. */
interface Codec {
  read(view: DataView, offset: number, lifetime: Lifetime): unknown;
  write(view: DataView, offset: number, value: unknown, lifetime: Lifetime): void;
}

function copyBytes(from: CompositeView, to: DataView, offset: number, byteLength: number): void {
  new Uint8Array(to.buffer, to.byteOffset + offset, byteLength).set(from[VIEW_BYTES]());
}

/** Copies `value`'s bytes if it is a view of `type`; returns whether it was one. */
function copyIfViewOf(type: StructType | ArrayType, view: DataView, offset: number, value: unknown): boolean {
  if (!(value instanceof viewClassOf(type))) return false;
  copyBytes(value, view, offset, type.size);
  return true;
}

function writeStruct(
  type: StructType,
  view: DataView,
  offset: number,
  value: unknown,
  lifetime: Lifetime,
): void {
  if (copyIfViewOf(type, view, offset, value)) return;
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
    if (field.bitWidth === undefined)
      codecOf(field.type).write(view, offset + field.offset, fieldValue, lifetime);
    else writeBitField(type, view, offset, name, fieldValue, lifetime);
  }
}

/** A bit-field shares its storage unit: it is written through the view's own checked setter. */
function writeBitField(
  type: StructType,
  view: DataView,
  offset: number,
  name: string,
  value: unknown,
  lifetime: Lifetime,
): void {
  const ViewClass = viewClassOf(type);
  (new ViewClass(view, offset, lifetime) as unknown as Record<string, unknown>)[name] = value;
}

function writeArray(
  type: ArrayType,
  view: DataView,
  offset: number,
  value: unknown,
  lifetime: Lifetime,
): void {
  if (copyIfViewOf(type, view, offset, value)) return;
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
      const write = type.kind === 'array' ? writeArray : writeStruct;
      return {
        read: viewClassOf(type).make, // the type's own, as in Pointer.ref
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

useCodecs(codecOf);
