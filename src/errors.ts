/**
 * Every error ffi-arena throws. Each class has a stable `code` (safe to switch on) and a message
 * that names the offending value and what was expected.
 *
 * @example
 * ```ts
 * try { calloc.alloc(u8, -1); } catch (e) {
 *   if (e instanceof FfiArenaError && e.code === 'ERR_INVALID_SIZE') { ... }
 * }
 * ```
 * @module
 */

/** Stable codes of every error this library throws. */
export type FfiArenaErrorCode =
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_INVALID_SIZE'
  | 'ERR_INVALID_ALIGNMENT'
  | 'ERR_INVALID_TYPE'
  | 'ERR_INVALID_VALUE'
  | 'ERR_OUT_OF_BOUNDS'
  | 'ERR_USE_AFTER_FREE'
  | 'ERR_DOUBLE_FREE'
  | 'ERR_FOREIGN_POINTER'
  | 'ERR_WRONG_ALLOCATOR'
  | 'ERR_NULL_POINTER'
  | 'ERR_OUT_OF_MEMORY'
  | 'ERR_UNSUPPORTED_PLATFORM'
  | 'ERR_ARENA_RELEASED'
  | 'ERR_ARENA_OWNED'
  | 'ERR_NO_ZONE_ARENA'
  | 'ERR_LEAKS'
  | 'ERR_INVALID_SIGNATURE'
  | 'ERR_NATIVE_SYMBOL';

/** Base class of every ffi-arena error. */
export abstract class FfiArenaError extends Error {
  /** A stable, machine-readable code. */
  abstract readonly code: FfiArenaErrorCode;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An argument has the wrong type (a number where a string was expected, a non-function, …). */
export class InvalidArgumentError extends FfiArenaError {
  readonly code = 'ERR_INVALID_ARGUMENT';
}

/** A size or element count is negative, fractional, NaN, zero or too large. */
export class InvalidSizeError extends FfiArenaError {
  readonly code = 'ERR_INVALID_SIZE';
}

/** An alignment is not a positive power of two, or is larger than the library supports. */
export class InvalidAlignmentError extends FfiArenaError {
  readonly code = 'ERR_INVALID_ALIGNMENT';
}

/** A type definition is unknown or malformed (empty struct, duplicate field, bad array length…). */
export class InvalidTypeError extends FfiArenaError {
  readonly code = 'ERR_INVALID_TYPE';
}

/** A value written to native memory has the wrong JavaScript type or is out of the field's range. */
export class InvalidValueError extends FfiArenaError {
  readonly code = 'ERR_INVALID_VALUE';
}

/** An element index or a derived pointer falls outside the memory the pointer may access. */
export class OutOfBoundsError extends FfiArenaError {
  readonly code = 'ERR_OUT_OF_BOUNDS';
}

/** Memory was accessed through a pointer whose allocation was freed or whose arena was released. */
export class UseAfterFreeError extends FfiArenaError {
  readonly code = 'ERR_USE_AFTER_FREE';
}

/** A pointer was freed twice. The memory was not touched the second time. */
export class DoubleFreeError extends FfiArenaError {
  readonly code = 'ERR_DOUBLE_FREE';
}

/** A pointer that this library did not allocate (or an interior pointer) was passed to `free`. */
export class ForeignPointerError extends FfiArenaError {
  readonly code = 'ERR_FOREIGN_POINTER';
}

/** A pointer was freed through an allocator other than the one that allocated it. */
export class WrongAllocatorError extends FfiArenaError {
  readonly code = 'ERR_WRONG_ALLOCATOR';
}

/** Memory was accessed through `NULL`. */
export class NullPointerError extends FfiArenaError {
  readonly code = 'ERR_NULL_POINTER';
}

/** The system allocator returned NULL. */
export class OutOfMemoryError extends FfiArenaError {
  readonly code = 'ERR_OUT_OF_MEMORY';
}

/** A platform-specific function was called on a platform that does not have it. */
export class UnsupportedPlatformError extends FfiArenaError {
  readonly code = 'ERR_UNSUPPORTED_PLATFORM';
}

/** An arena was asked for memory or cleanups after it was released. */
export class ArenaReleasedError extends FfiArenaError {
  readonly code = 'ERR_ARENA_RELEASED';
}

/** `free()` was called on memory an arena owns; the arena frees it when it is released. */
export class ArenaOwnedPointerError extends FfiArenaError {
  readonly code = 'ERR_ARENA_OWNED';
}

/** `zoneArena()` was called outside `withZoneArena()`. */
export class NoZoneArenaError extends FfiArenaError {
  readonly code = 'ERR_NO_ZONE_ARENA';
}

/** A C-like function signature given to `win32Library().func` cannot be parsed or resolved. */
export class InvalidSignatureError extends FfiArenaError {
  readonly code = 'ERR_INVALID_SIGNATURE';
}

/** A shared library cannot be loaded, or does not export the function asked for. */
export class NativeSymbolError extends FfiArenaError {
  readonly code = 'ERR_NATIVE_SYMBOL';
}

/** What `LeakTrackerException` lists: see `Leak` in the leak tracker. */
export interface LeakSummary {
  /** Bytes leaked. */
  readonly size: number;
}

/**
 * Native memory was left allocated: thrown by `LeakTracker.verifyNoLeaks()` and `expectNoLeaks`.
 * The message is the leak report: every leak, grouped by where it was allocated.
 */
export class LeakTrackerException<L extends LeakSummary = LeakSummary> extends FfiArenaError {
  readonly code = 'ERR_LEAKS';
  /** How many allocations (and arenas) leaked. */
  readonly count: number;
  /** The bytes they hold. */
  readonly totalBytes: number;
  constructor(
    /** Every leak, in allocation order. */
    readonly leaks: readonly L[],
    report: string,
  ) {
    super(report);
    this.count = leaks.length;
    this.totalBytes = leaks.reduce((sum, leak) => sum + leak.size, 0);
  }
}

/**
 * An error thrown while another was already being thrown, as the TC39 explicit resource
 * management proposal defines it: `error` is the newer, `suppressed` the earlier. The global
 * `SuppressedError` when the runtime has one (Node 24+), else an equivalent class.
 */
export interface SuppressedErrorLike extends Error {
  /** The error thrown last. */
  readonly error: unknown;
  /** The error it suppressed (thrown earlier). */
  readonly suppressed: unknown;
}

class SuppressedErrorFallback extends Error implements SuppressedErrorLike {
  constructor(
    readonly error: unknown,
    readonly suppressed: unknown,
    message = 'An error was suppressed during disposal.',
  ) {
    super(message);
    this.name = 'SuppressedError';
  }
}

/** The constructor of `SuppressedError`: `new SuppressedError(error, suppressed, message?)`. */
export type SuppressedErrorConstructor = new (
  error: unknown,
  suppressed: unknown,
  message?: string,
) => SuppressedErrorLike;

/** The `SuppressedError` class in use: the runtime's own where it exists. */
export const SuppressedError: SuppressedErrorConstructor =
  (globalThis as { SuppressedError?: SuppressedErrorConstructor }).SuppressedError ?? SuppressedErrorFallback;

/** Formats any value for an error message without throwing (symbols, bigints, cyclic objects). */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'bigint':
      return `${value}n`;
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'function':
      return `function ${value.name || '(anonymous)'}`;
    case 'symbol':
      return value.toString();
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `an array of length ${value.length}`;
      return `an object (${value.constructor?.name ?? 'null prototype'})`;
    default:
      return String(value);
  }
}
