import { describeValue, InvalidAlignmentError, InvalidArgumentError, InvalidSizeError } from '../errors.js';
import { MAX_VIEW_BYTES } from '../native/memory-views.js';

/**
 * The largest single allocation or type: one memory view cannot span more (koffi aborts past it).
 * @example `if (bytes > MAX_BYTE_LENGTH) throw new RangeError('too large');`
 */
export const MAX_BYTE_LENGTH = MAX_VIEW_BYTES;

/**
 * Checks that `value` is a whole number from 1 to `max`, and returns it.
 * @throws InvalidSizeError naming `what`, the value and the accepted range.
 */
export function requireCount(value: unknown, what: string, max = MAX_BYTE_LENGTH): number {
  return requireWholeNumber(value, what, 1, max);
}

/**
 * Checks that `value` is a whole number from 0 to the limit of one allocation, and returns it: an
 * allocation of nothing is allowed, as in C (a freeable pointer with no elements).
 * @throws InvalidSizeError naming `what`, the value and the accepted range.
 */
export function requireSize(value: unknown, what: string): number {
  return requireWholeNumber(value, what, 0, MAX_BYTE_LENGTH);
}

function requireWholeNumber(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidSizeError(
      `${what} must be a whole number from ${min} to ${max}; got ${describeValue(value)}.`,
    );
  }
  return value;
}

/** Checks that `count` elements of `elementSize` bytes fit in one allocation, and returns the bytes. */
function requireByteLength(count: number, elementSize: number, typeName: string): number {
  const byteLength = count * elementSize;
  if (byteLength > MAX_BYTE_LENGTH) {
    throw new InvalidSizeError(
      `${count} × ${typeName} is ${byteLength} bytes, more than the ${MAX_BYTE_LENGTH}-byte limit of one allocation.`,
    );
  }
  return byteLength;
}

/**
 * The bytes of `count` elements of `type`, checked. One element needs no check: a type's size
 * was checked when the type was defined (this fast path is measurable on every allocation).
 */
export function byteLengthOf(type: { readonly size: number; readonly name: string }, count: number): number {
  if (count === 1) return type.size;
  return requireByteLength(requireSize(count, 'count'), type.size, type.name);
}

/**
 * Checks that `value` is a function, and returns it.
 * @throws InvalidArgumentError: `${what} needs ${noun}; got …`.
 */
export function requireFunction<F>(value: F, what: string, noun = 'a function'): F {
  if (typeof value !== 'function') notAFunction(value, what, noun); // kept out: this check is inlined into using()
  return value;
}

function notAFunction(value: unknown, what: string, noun: string): never {
  throw new InvalidArgumentError(`${what} needs ${noun}; got ${describeValue(value)}.`);
}

/**
 * The first own key of an options or value object that `isKnown` refuses: a misspelt option or
 * field is reported, never ignored. Each caller says what the key is not.
 */
export function firstUnknownKey(value: object, isKnown: (key: string) => boolean): string | undefined {
  return Object.keys(value).find((key) => !isKnown(key));
}

/**
 * The largest alignment an allocation may ask for (one page).
 * @example `calloc.allocate(64, MAX_ALIGNMENT)`
 */
export const MAX_ALIGNMENT = 4096;

/** Checks that `value` is a power of two from 1 to {@link MAX_ALIGNMENT}, and returns it. */
export function requireAlignment(value: unknown): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > MAX_ALIGNMENT ||
    (value & (value - 1)) !== 0
  ) {
    throw new InvalidAlignmentError(
      `alignment must be a power of two from 1 to ${MAX_ALIGNMENT}; got ${describeValue(value)}.`,
    );
  }
  return value;
}
