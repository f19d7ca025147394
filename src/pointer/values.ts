import type { BitField } from '../types/bit-field.js';
import type {
  AnyType,
  ArrayType,
  FieldTypes,
  FunctionType,
  PointerType,
  PrimitiveType,
  PrimitiveValue,
  SelfReference,
  StructType,
  VoidType,
} from '../types/type.js';
import type { Pointer } from './pointer.js';

/**
 * What reading a `T` gives: a number, bigint or boolean, a `Pointer`, or a live struct/array view.
 * @example `const x: ValueOf<typeof u64> = p64.value; // bigint`
 */
export type ValueOf<T extends AnyType> = T extends FunctionType
  ? Pointer<T> // a struct field of a callback type holds its pointer
  : T extends PrimitiveType<infer K>
    ? PrimitiveValue<K>
    : T extends PointerType<infer U>
      ? Pointer<U>
      : T extends StructType<infer F>
        ? StructRef<F>
        : T extends ArrayType<infer E, number>
          ? ArrayRef<E>
          : never;

/**
 * What writing a `T` accepts. Wider than `ValueOf`: 64-bit fields take safe-integer numbers too.
 * @example `const init: InitOf<typeof POINT> = { x: 1, y: 2 }; p.value = init;`
 */
export type InitOf<T extends AnyType> = T extends FunctionType
  ? Pointer<T> | bigint | null
  : T extends PrimitiveType<infer K>
    ? PrimitiveValue<K> extends bigint
      ? bigint | number
      : PrimitiveValue<K>
    : T extends PointerType<infer U>
      ? // C converts any T* to void* and void* to any T*.
        (U extends VoidType ? Pointer<AnyType> : Pointer<U> | Pointer<VoidType>) | bigint | null
      : T extends StructType<infer F>
        ? StructInit<F> | StructRef<F>
        : T extends ArrayType<infer E, number>
          ? ArrayLike<InitOf<E>> | ArrayRef<E>
          : never;

/**
 * A live view of a struct or union in native memory: reading a field reads memory, assigning a
 * field writes it. Nested structs and inline arrays are nested views.
 * @example `const ref: StructRef<typeof POINT.fieldTypes> = p.ref;`
 */
export type StructRef<F extends FieldTypes> = { -readonly [K in keyof F]: ValueOf<FieldType<F[K], F>> };

/**
 * A field's type as views read it: `pointerTo('name')` as a pointer to the struct of fields `F`, a
 * bit-field `bits(T, n)` as `T`.
 * @example `type Next = FieldType<ReturnType<typeof pointerTo<'node'>>, typeof node.fieldTypes>;`
 */
export type FieldType<
  T extends AnyType | BitField,
  F extends FieldTypes,
> = T extends PointerType<SelfReference>
  ? PointerType<StructType<F>>
  : T extends BitField<infer K>
    ? PrimitiveType<K>
    : T extends AnyType
      ? T
      : never;

/**
 * An object with some of a struct's fields, to write them all at once: `p.value = { x: 1, y: 2 }`.
 * @example `p.value = { x: 1 } satisfies StructInit<typeof POINT.fieldTypes>;`
 */
export type StructInit<F extends FieldTypes> = { [K in keyof F]?: InitOf<FieldType<F[K], F>> };

/**
 * A live, bounds-checked view of an inline array (`WCHAR name[260]`) in native memory.
 * @example `const name = p.ref.name; name.set(0, 65); name.toArray();`
 */
export interface ArrayRef<E extends AnyType> extends Iterable<ValueOf<E>> {
  /** The declared length of the array. */
  readonly length: number;
  /** Element `index`. @throws OutOfBoundsError outside `0 … length-1`. */
  get(index: number): ValueOf<E>;
  /** Writes element `index`. @throws OutOfBoundsError, InvalidValueError. */
  set(index: number, value: InitOf<E>): void;
  /** The elements as a JavaScript array. */
  toArray(): ValueOf<E>[];
}

/**
 * What `pointer.ref` gives: a struct or array view; other types have no `.ref`.
 * @example `const view: RefOf<typeof POINT> = p.ref; view.x = 1;`
 */
export type RefOf<T extends AnyType> =
  T extends StructType<infer F> ? StructRef<F> : T extends ArrayType<infer E, number> ? ArrayRef<E> : never;
