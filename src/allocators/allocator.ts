import {
  DoubleFreeError,
  describeValue,
  ForeignPointerError,
  InvalidArgumentError,
  InvalidTypeError,
} from '../errors.js';
import { hexAddress } from '../pointer/lifetime.js';
import { Pointer } from '../pointer/pointer.js';
import { type AnyType, isType, type SizedType, type VoidType } from '../types/type.js';

/**
 * Something that hands out native memory and takes it back. `calloc`, `malloc`, the leak-tracked
 * allocators and `Arena` all implement it, and an `Arena` can be backed by any of them.
 *
 * @example
 * ```ts
 * function makeBuffer(allocator: Allocator = calloc) {
 *   return allocator.alloc(u16, 260);
 * }
 * ```
 */
export interface Allocator {
  /** The allocator's name in messages and leak reports. */
  readonly name: string;
  /** True if new memory is always zero-filled (`calloc`, arenas); arenas over others zero it. */
  readonly zeroesMemory?: boolean;
  /**
   * Allocates `byteCount` raw bytes aligned to `alignment` (a power of two, default 16).
   * @throws InvalidSizeError, InvalidAlignmentError, OutOfMemoryError.
   */
  allocate(byteCount: number, alignment?: number): Pointer<VoidType>;
  /**
   * Allocates `count` elements of `type`, aligned for it.
   * @throws InvalidSizeError for a count that is not a whole number ≥ 1 or too large.
   */
  alloc<T extends SizedType>(type: T, count?: number): Pointer<T>;
  /**
   * Frees memory this allocator allocated.
   * @throws DoubleFreeError, ForeignPointerError, WrongAllocatorError.
   */
  free(pointer: Pointer<AnyType>): void;
}

/** Checks that `value` is a `Pointer` before an allocator frees it. */
export function requirePointer(value: unknown, operation: string): Pointer<AnyType> {
  if (!(value instanceof Pointer)) {
    throw new InvalidArgumentError(`${operation} needs a Pointer; got ${describeValue(value)}.`);
  }
  return value;
}

/** Checks that `value` is an `Allocator` (has `alloc`, `allocate` and `free`). */
export function requireAllocator(value: unknown, operation: string): Allocator {
  const candidate = value as Partial<Allocator> | null | undefined;
  if (
    typeof candidate?.alloc !== 'function' ||
    typeof candidate.allocate !== 'function' ||
    typeof candidate.free !== 'function'
  ) {
    throw new InvalidArgumentError(
      `${operation} needs an Allocator (calloc, an Arena, …); got ${describeValue(value)}.`,
    );
  }
  return candidate as Allocator;
}

/** Checks that `value` is a type an allocator can allocate. */
export function requireSizedType(value: unknown): SizedType {
  if (isType(value) && (value.kind === 'opaque' || value.kind === 'function')) {
    throw new InvalidTypeError(
      `cannot allocate the ${value.kind} type ${value.name}: it has no layout. Allocate pointerTo(${value.name}) for an out-parameter.`,
    );
  }
  if (!isType(value) || value.kind === 'void') {
    throw new InvalidTypeError(
      `alloc needs a sized ffi-arena type (u8, struct(...), …); got ${describeValue(value)}. For raw bytes use allocate(byteCount).`,
    );
  }
  return value as SizedType;
}

/** The error for freeing memory that no allocator of this library owns. */
export function foreignPointerError(pointer: Pointer<AnyType>): ForeignPointerError {
  return new ForeignPointerError(
    `cannot free ${pointer}: this library did not allocate it (it came from Pointer.fromAddress or a pointer field). Free it with the function that allocated it.`,
  );
}

/** The error for freeing `pointer` a second time. */
export function doubleFreeError(pointer: Pointer<AnyType>): DoubleFreeError {
  return new DoubleFreeError(`double free: ${pointer} was already freed; the memory was not touched again.`);
}

/** The error for freeing `pointer`, which points inside `block` rather than at its start. */
export function interiorPointerError(
  pointer: Pointer<AnyType>,
  block: Pointer<AnyType>,
): ForeignPointerError {
  return new ForeignPointerError(
    `cannot free ${pointer}: it points inside the block at ${hexAddress(block.addr)}; free the pointer the allocator returned.`,
  );
}
