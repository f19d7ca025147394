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

/**
 * Stable codes of every error this library throws.
 * @example `const code: FfiArenaErrorCode = 'ERR_USE_AFTER_FREE';`
 */
export type FfiArenaErrorCode =
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_INVALID_SIZE'
  | 'ERR_INVALID_ALIGNMENT'
  | 'ERR_INVALID_TYPE'
  | 'ERR_INVALID_VALUE'
  | 'ERR_OUT_OF_BOUNDS'
  | 'ERR_INVALID_UTF8'
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
  | 'ERR_NATIVE_SYMBOL'
  | 'ERR_CALLBACK_SLOTS'
  | 'ERR_ALREADY_OWNED';

/**
 * Base class of every ffi-arena error.
 * @example `catch (e) { if (e instanceof FfiArenaError) console.log(e.code); }`
 */
export abstract class FfiArenaError extends Error {
  /** A stable, machine-readable code. */
  abstract readonly code: FfiArenaErrorCode;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * An argument has the wrong type (a number where a string was expected, a non-function, …).
 * @example `catch (e) { if (e instanceof InvalidArgumentError) console.log(e.code); // 'ERR_INVALID_ARGUMENT' }`
 */
export class InvalidArgumentError extends FfiArenaError {
  readonly code = 'ERR_INVALID_ARGUMENT';
}

/**
 * A size or element count is negative, fractional, NaN or too large (a count or size of zero is
 * allowed for allocations, as in C, but not for types or views).
 * @example `catch (e) { if (e instanceof InvalidSizeError) console.log(e.code); // 'ERR_INVALID_SIZE' }`
 */
export class InvalidSizeError extends FfiArenaError {
  readonly code = 'ERR_INVALID_SIZE';
}

/**
 * An alignment is not a positive power of two, or is larger than the library supports.
 * @example `catch (e) { if (e instanceof InvalidAlignmentError) console.log(e.code); // 'ERR_INVALID_ALIGNMENT' }`
 */
export class InvalidAlignmentError extends FfiArenaError {
  readonly code = 'ERR_INVALID_ALIGNMENT';
}

/**
 * A type definition is unknown or malformed (empty struct, duplicate field, bad array length…).
 * @example `catch (e) { if (e instanceof InvalidTypeError) console.log(e.code); // 'ERR_INVALID_TYPE' }`
 */
export class InvalidTypeError extends FfiArenaError {
  readonly code = 'ERR_INVALID_TYPE';
}

/**
 * A value written to native memory has the wrong JavaScript type or is out of the field's range.
 * @example `catch (e) { if (e instanceof InvalidValueError) console.log(e.code); // 'ERR_INVALID_VALUE' }`
 */
export class InvalidValueError extends FfiArenaError {
  readonly code = 'ERR_INVALID_VALUE';
}

/**
 * An element index or a derived pointer falls outside the memory the pointer may access.
 * @example `catch (e) { if (e instanceof OutOfBoundsError) console.log(e.code); // 'ERR_OUT_OF_BOUNDS' }`
 */
export class OutOfBoundsError extends FfiArenaError {
  readonly code = 'ERR_OUT_OF_BOUNDS';
}

/**
 * A strict UTF-8 read (`toUtf8String({ strict: true })`) met bytes that are not valid UTF-8
 * (Dart's `toDartString` throws a `FormatException` there). The message says where decoding fails.
 * @example `catch (e) { if (e instanceof InvalidUtf8Error) console.log(e.code); // 'ERR_INVALID_UTF8' }`
 */
export class InvalidUtf8Error extends FfiArenaError {
  readonly code = 'ERR_INVALID_UTF8';
}

/**
 * Memory was accessed through a pointer whose allocation was freed or whose arena was released.
 * @example `catch (e) { if (e instanceof UseAfterFreeError) console.log(e.code); // 'ERR_USE_AFTER_FREE' }`
 */
export class UseAfterFreeError extends FfiArenaError {
  readonly code = 'ERR_USE_AFTER_FREE';
}

/**
 * A pointer was freed twice. The memory was not touched the second time.
 * @example `catch (e) { if (e instanceof DoubleFreeError) console.log(e.code); // 'ERR_DOUBLE_FREE' }`
 */
export class DoubleFreeError extends FfiArenaError {
  readonly code = 'ERR_DOUBLE_FREE';
}

/**
 * A pointer that this library did not allocate (or an interior pointer) was passed to `free`.
 * @example `catch (e) { if (e instanceof ForeignPointerError) console.log(e.code); // 'ERR_FOREIGN_POINTER' }`
 */
export class ForeignPointerError extends FfiArenaError {
  readonly code = 'ERR_FOREIGN_POINTER';
}

/**
 * A pointer was freed through an allocator other than the one that allocated it.
 * @example `catch (e) { if (e instanceof WrongAllocatorError) console.log(e.code); // 'ERR_WRONG_ALLOCATOR' }`
 */
export class WrongAllocatorError extends FfiArenaError {
  readonly code = 'ERR_WRONG_ALLOCATOR';
}

/**
 * Memory was accessed through `NULL`.
 * @example `catch (e) { if (e instanceof NullPointerError) console.log(e.code); // 'ERR_NULL_POINTER' }`
 */
export class NullPointerError extends FfiArenaError {
  readonly code = 'ERR_NULL_POINTER';
}

/**
 * The system allocator returned NULL.
 * @example `catch (e) { if (e instanceof OutOfMemoryError) console.log(e.code); // 'ERR_OUT_OF_MEMORY' }`
 */
export class OutOfMemoryError extends FfiArenaError {
  readonly code = 'ERR_OUT_OF_MEMORY';
}

/**
 * A platform-specific function was called on a platform that does not have it.
 * @example `catch (e) { if (e instanceof UnsupportedPlatformError) console.log(e.code); // 'ERR_UNSUPPORTED_PLATFORM' }`
 */
export class UnsupportedPlatformError extends FfiArenaError {
  readonly code = 'ERR_UNSUPPORTED_PLATFORM';
}

/**
 * An arena was asked for memory or cleanups after it was released.
 * @example `catch (e) { if (e instanceof ArenaReleasedError) console.log(e.code); // 'ERR_ARENA_RELEASED' }`
 */
export class ArenaReleasedError extends FfiArenaError {
  readonly code = 'ERR_ARENA_RELEASED';
}

/**
 * `free()` was called on memory an arena owns; the arena frees it when it is released.
 * @example `catch (e) { if (e instanceof ArenaOwnedPointerError) console.log(e.code); // 'ERR_ARENA_OWNED' }`
 */
export class ArenaOwnedPointerError extends FfiArenaError {
  readonly code = 'ERR_ARENA_OWNED';
}

/**
 * `zoneArena()` was called outside `withZoneArena()`.
 * @example `catch (e) { if (e instanceof NoZoneArenaError) console.log(e.code); // 'ERR_NO_ZONE_ARENA' }`
 */
export class NoZoneArenaError extends FfiArenaError {
  readonly code = 'ERR_NO_ZONE_ARENA';
}

/**
 * A C-like function signature given to `win32Library().func` cannot be parsed or resolved.
 * @example `catch (e) { if (e instanceof InvalidSignatureError) console.log(e.code); // 'ERR_INVALID_SIGNATURE' }`
 */
export class InvalidSignatureError extends FfiArenaError {
  readonly code = 'ERR_INVALID_SIGNATURE';
}

/**
 * A shared library cannot be loaded, or does not export the function asked for.
 * @example `catch (e) { if (e instanceof NativeSymbolError) console.log(e.code); // 'ERR_NATIVE_SYMBOL' }`
 */
export class NativeSymbolError extends FfiArenaError {
  readonly code = 'ERR_NATIVE_SYMBOL';
}

/**
 * Every callback slot is taken: koffi has 8,192, and live callbacks (plus recently released ones,
 * kept so that a stale pointer is caught) hold them. The message says how many are live and
 * where most were registered.
 * @example `catch (e) { if (e instanceof CallbackSlotsExhaustedError) console.log(e.code); // 'ERR_CALLBACK_SLOTS' }`
 */
export class CallbackSlotsExhaustedError extends FfiArenaError {
  readonly code = 'ERR_CALLBACK_SLOTS';
}

/**
 * `adopt` was given memory that already has an owner: adopted before (and not freed since), or
 * allocated by this library.
 * @example `catch (e) { if (e instanceof AlreadyOwnedError) console.log(e.code); // 'ERR_ALREADY_OWNED' }`
 */
export class AlreadyOwnedError extends FfiArenaError {
  readonly code = 'ERR_ALREADY_OWNED';
}

/**
 * What `LeakTrackerException` lists: see `Leak` in the leak tracker.
 * @example `const summary: LeakSummary = { size: 16 };`
 */
export interface LeakSummary {
  /** Bytes leaked. */
  readonly size: number;
}

/**
 * Native memory was left allocated: thrown by `LeakTracker.verifyNoLeaks()` and `expectNoLeaks`.
 * The message is the leak report: every leak, grouped by where it was allocated.
 * @example `try { LeakTracker.verifyNoLeaks(); } catch (e) { if (e instanceof LeakTrackerException) console.log(e.count, e.totalBytes); }`
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
    // An exception that reports no leak would fail a test for nothing (Dart asserts the same).
    if (!Array.isArray(leaks) || leaks.length === 0) {
      throw new InvalidArgumentError(
        `a LeakTrackerException needs at least one leak; got ${describeValue(leaks)}. Throw it only when there are leaks.`,
      );
    }
    super(report);
    this.count = leaks.length;
    this.totalBytes = leaks.reduce((sum, leak) => sum + leak.size, 0);
  }
}

/**
 * An error thrown while another was already being thrown, as the TC39 explicit resource
 * management proposal defines it: `error` is the newer, `suppressed` the earlier. The global
 * `SuppressedError` when the runtime has one (Node 24+), else an equivalent class.
 * @example `catch (e) { if (e instanceof SuppressedError) console.log(e.error, e.suppressed); }`
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

/**
 * The constructor of `SuppressedError`: `new SuppressedError(error, suppressed, message?)`.
 * @example `new SuppressedError(cleanupError, callbackError, 'cleanup failed')`
 */
export type SuppressedErrorConstructor = new (
  error: unknown,
  suppressed: unknown,
  message?: string,
) => SuppressedErrorLike;

/**
 * The `SuppressedError` class in use: the runtime's own where it exists.
 * @example `catch (e) { if (e instanceof SuppressedError) console.log(e.suppressed); }`
 */
export const SuppressedError: SuppressedErrorConstructor =
  (globalThis as { SuppressedError?: SuppressedErrorConstructor }).SuppressedError ?? SuppressedErrorFallback;

/**
 * Formats any value for an error message without throwing (symbols, bigints, cyclic objects).
 * @example `describeValue(Symbol('x')) // 'Symbol(x)'`
 */
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
