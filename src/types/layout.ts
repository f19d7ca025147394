import { describeValue, InvalidArgumentError, InvalidTypeError } from '../errors.js';
import { type KoffiType, toKoffiType } from '../native/koffi-types.js';
import { type AnyType, isType, type StructType } from './type.js';

function requireType(type: unknown, fn: string): AnyType {
  if (!isType(type)) throw new InvalidTypeError(`${fn} needs an ffi-arena type; got ${describeValue(type)}.`);
  return type;
}

/** The size of `type` in bytes, as C's `sizeof`. @example `sizeOf(POINT) === 8` */
export function sizeOf(type: AnyType): number {
  return requireType(type, 'sizeOf').size;
}

/** The alignment of `type` in bytes, as C's `_Alignof`. @example `alignOf(f64) === 8` */
export function alignOf(type: AnyType): number {
  return requireType(type, 'alignOf').align;
}

/**
 * The byte offset of `field` in a struct or union, as C's `offsetof`.
 * @example `offsetOf(WINDOWPLACEMENT, 'rcNormalPosition') === 28`
 * @throws InvalidArgumentError if the struct has no such field.
 */
export function offsetOf<F extends StructType>(type: F, field: keyof F['fieldTypes'] & string): number {
  const checked = requireType(type, 'offsetOf');
  if (checked.kind !== 'struct' && checked.kind !== 'union') {
    throw new InvalidTypeError(`offsetOf needs a struct or union; got ${checked.name}.`);
  }
  const found = checked.field(field);
  if (found === undefined) {
    const names = checked.fields.map((f) => f.name).join(', ');
    throw new InvalidArgumentError(
      `${checked.name} has no field ${describeValue(field)}; its fields are ${names}.`,
    );
  }
  return found.offset;
}

/**
 * The koffi type for `type`, so functions declared with koffi can take and return ffi-arena
 * structs. Pass `pointer.address` where koffi expects a pointer.
 *
 * @example
 * ```ts
 * const lib = koffi.load('libfoo.so');
 * const area = lib.func('area', 'double', [toKoffi(RECT)]);
 * ```
 */
export function toKoffi(type: AnyType): KoffiType {
  return toKoffiType(requireType(type, 'toKoffi'));
}
