import { describeValue, InvalidArgumentError, InvalidTypeError } from '../errors.js';
import { type AnyType, type ArrayType, isType, type StructType } from '../types/type.js';
import { throwUseAfterFree } from './lifetime.js';
import { Pointer } from './pointer.js';

/** The last field of `type` if it is an array (`E name[]` or Win32's `E name[1]`). */
export function trailingField(type: unknown, operation: string): { offset: number; element: AnyType } {
  const last = isType(type) && type.kind === 'struct' ? type.fields[type.fields.length - 1] : undefined;
  if (last === undefined || last.type.kind !== 'array' || last.bitWidth !== undefined) {
    throw new InvalidTypeError(
      `${operation} needs a struct whose last field is an array (flexibleArray(E) or E[1]); got ${describeValue(type)}.`,
    );
  }
  return { offset: last.offset, element: (last.type as ArrayType).element };
}

/**
 * The elements of the struct's trailing array (its last field, `flexibleArray(E)` or Win32's
 * `E name[1]`) as a `Pointer<E>`: as many as the pointer's memory holds after the array's start,
 * so for memory from `allocTrailing(allocator, T, n)` `n` (more only if the struct's tail padding
 * holds them; for `E name[1]`, at least 1).
 * It shares the struct's lifetime. For a struct from C, widen it with `.cast(E, n)`.
 * @example `const lengths = trailing(list); lengths.count; lengths.set(0, 260);`
 * @throws InvalidTypeError if the last field is not an array; UseAfterFreeError.
 */
export function trailing<F extends StructType>(pointer: Pointer<F>): Pointer<TrailingElement<F>> {
  if (!(pointer instanceof Pointer)) {
    throw new InvalidArgumentError(`trailing needs a Pointer to a struct; got ${describeValue(pointer)}.`);
  }
  const { offset, element } = trailingField(pointer.type, 'trailing');
  const lifetime = pointer.lifetime;
  if (lifetime.live === false) throwUseAfterFree(lifetime, pointer);
  const count = Math.max(0, Math.floor((pointer.byteLength - offset) / element.size));
  return new Pointer(
    element,
    count * element.size,
    pointer.view,
    pointer.offset + offset,
    lifetime,
  ) as Pointer<TrailingElement<F>>;
}

/**
 * The element type of a struct's trailing array (its last field).
 * @example `type E = TrailingElement<typeof PATH_LIST>; // PrimitiveType<'u16'>`
 */
export type TrailingElement<F extends StructType> = F['fieldTypes'][keyof F['fieldTypes']] extends infer T
  ? T extends ArrayType<infer E, number>
    ? E
    : never
  : never;
