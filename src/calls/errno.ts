import { describeValue, InvalidArgumentError } from '../errors.js';
import { clearErrno, errnoName, errnoText, lastErrno } from '../native/errno.js';
import type { ErrorCapture } from './compile-call.js';

/**
 * What a function declared with `{ errno: true }` returns: its value, and `errno` read right after
 * the call. `errno` is set to 0 before the call, so a function that reports failure only through
 * `errno` (`strtol`) gives 0 when it succeeds; others may leave it set on success, as in C.
 * @example
 * ```ts
 * const { value, errno } = unlink('/no/such/file');
 * if (value === -1) throw new ErrnoError(errno, 'unlink');
 * ```
 */
export interface ErrnoResult<T> {
  /** What the function returned. */
  readonly value: T;
  /** The thread's `errno` right after the call. */
  readonly errno: number;
}

/**
 * A failed POSIX-style call as an exception, the counterpart of `WindowsException`. As Node's own
 * system errors: `code` is the symbolic name (`ENOENT`), `errno` the number, and the message the C
 * library's `strerror` text: `unlink: No such file or directory (ENOENT, errno 2)`.
 * @example `if (value === -1) throw new ErrnoError(errno, 'unlink');`
 */
export class ErrnoError extends Error {
  /** The `errno` value. */
  readonly errno: number;
  /** Its symbolic name on this platform (`ENOENT`), or `ERRNO_<n>` for one without a name. */
  readonly code: string;

  /**
   * @param errno the `errno` value (from an `ErrnoResult`).
   * @param context what failed, put before the description: the function's name, a path.
   */
  constructor(errno: number, context?: string) {
    if (typeof errno !== 'number' || !Number.isInteger(errno) || errno < 0 || errno > 0x7fffffff) {
      throw new InvalidArgumentError(
        `an errno value must be a non-negative integer; got ${describeValue(errno)}.`,
      );
    }
    if (context !== undefined && typeof context !== 'string') {
      throw new InvalidArgumentError(`ErrnoError's context must be a string; got ${describeValue(context)}.`);
    }
    const code = errnoName(errno) ?? `ERRNO_${errno}`;
    const text = `${errnoText(errno)} (${code}, errno ${errno})`;
    super(context === undefined ? text : `${context}: ${text}`);
    this.name = 'ErrnoError';
    this.errno = errno;
    this.code = code;
  }
}

/** `{ errno: true }`: errno set to 0 before the call, read right after it, returned as `{ value, errno }`. */
export const ERRNO_CAPTURE: ErrorCapture = {
  prepare: clearErrno,
  capture: lastErrno,
  wrap: (value, errno) => ({ value, errno }) satisfies ErrnoResult<unknown>,
};
