import { describeValue, InvalidArgumentError } from '../errors.js';
import { systemMessage } from '../native/windows-errors.js';
import { HRESULT_FROM_WIN32 } from './hresult.js';
import { isWindows } from './platform.js';

function requireUint32(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -0x80000000 || value > 0xffffffff) {
    throw new InvalidArgumentError(`${what} must be a 32-bit integer; got ${describeValue(value)}.`);
  }
  return value >>> 0;
}

/** The system's text for a code, or '' where there is none (and off Windows). */
function messageFor(code: number): string {
  return isWindows ? systemMessage(code) : '';
}

/**
 * A Win32 error code, as `GetLastError()` returned it right after a call.
 * @example
 * ```ts
 * const { value, error } = DeleteFileW('C:\\missing.txt');
 * if (!value && error.code === ERROR_FILE_NOT_FOUND) console.log(error.message);
 * ```
 */
export class Win32Error {
  /** The error code (`ERROR_*`), 0 for success. */
  readonly code: number;

  /** @param code a Win32 error code (`DWORD`). */
  constructor(code: number) {
    this.code = requireUint32(code, 'a Win32 error code');
  }

  /** The code as an HRESULT (`HRESULT_FROM_WIN32`), e.g. for `new WindowsException(…)`. */
  toHRESULT(): number {
    return HRESULT_FROM_WIN32(this.code);
  }

  /** The system's description (`FormatMessageW`); '' if it has none, and off Windows. */
  get message(): string {
    return messageFor(this.code);
  }

  /** `Win32Error 2: The system cannot find the file specified.` */
  toString(): string {
    const text = this.message;
    return text === '' ? `Win32Error ${this.code}` : `Win32Error ${this.code}: ${text}`;
  }
}

/**
 * What a function that sets the last error returns: its value, and the last error read right after
 * the call. `error` is only meaningful when `value` says the call failed, as in C.
 * @example `const { value, error } = GetProcessTimes(…); if (!value) throw new WindowsException(error.toHRESULT());`
 */
export interface Win32Result<T> {
  /** What the function returned. */
  readonly value: T;
  /** The thread's last error right after the call. */
  readonly error: Win32Error;
}

function hex(hr: number): string {
  return `0x${hr.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** HRESULTs of Win32 errors (FACILITY_WIN32) are looked up by their Win32 code. */
function messageForHresult(hr: number): string {
  return (hr & 0xffff0000) >>> 0 === 0x80070000 ? messageFor(hr & 0xffff) : messageFor(hr);
}

/** `text (HRESULT 0x80070578)`, or the HRESULT alone when there is no text. */
function describeHresult(text: string, hr: number): string {
  return text === '' ? `HRESULT ${hex(hr)}` : `${text} (HRESULT ${hex(hr)})`;
}

/**
 * An HRESULT failure as an exception. The message is the system's description and the HRESULT
 * in hex: `Invalid window handle. (HRESULT 0x80070578)`. A custom `message` is kept exactly as
 * given (as Dart's `WindowsException(hr, message:)` does); the HRESULT is still in `hr` and in
 * `String(e)`.
 * @example `if (!value) throw new WindowsException(error.toHRESULT());`
 */
export class WindowsException extends Error {
  /** The HRESULT, unsigned: compare with `0x80070578`, not `-2147023496`. */
  readonly hr: number;
  /** Whether `message` was given, and so does not state the HRESULT itself. */
  readonly #customMessage: boolean;

  /**
   * @param hr an HRESULT (signed or unsigned 32-bit).
   * @param options `message` replaces the system's description; `cause` as for `Error`.
   */
  constructor(hr: number, options?: { message?: string; cause?: unknown }) {
    const code = requireUint32(hr, 'an HRESULT');
    const custom = options?.message;
    if (custom !== undefined && typeof custom !== 'string') {
      throw new InvalidArgumentError(
        `WindowsException's message must be a string; got ${describeValue(custom)}.`,
      );
    }
    super(
      custom ?? describeHresult(messageForHresult(code), code),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'WindowsException';
    this.hr = code;
    this.#customMessage = custom !== undefined;
  }

  /** `WindowsException: <message> (HRESULT 0x80070578)`: the HRESULT even with a custom message. */
  override toString(): string {
    return `${this.name}: ${this.#customMessage ? describeHresult(this.message, this.hr) : this.message}`;
  }
}
