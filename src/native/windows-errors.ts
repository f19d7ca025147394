import { koffi } from './koffi.js';

// Windows' per-thread last error. koffi saves it right after each native call and restores it
// before the next one (since koffi 2.6.10), so GetLastError called through koffi right after a
// call sees that call's error, whatever V8 did in between.

type LastErrorFunctions = {
  get: () => number;
  set: (code: number) => void;
  format: (
    flags: number,
    source: number,
    id: number,
    language: number,
    buffer: Uint16Array,
    size: number,
    args: number,
  ) => number;
};

let functions: LastErrorFunctions | undefined;

function kernel32(): LastErrorFunctions {
  if (functions === undefined) {
    const library = koffi.load('kernel32.dll');
    functions = {
      get: library.func('uint32_t __stdcall GetLastError()') as LastErrorFunctions['get'],
      set: library.func('void __stdcall SetLastError(uint32_t code)') as LastErrorFunctions['set'],
      format: library.func(
        'uint32_t __stdcall FormatMessageW(uint32_t flags, uintptr_t source, uint32_t id, uint32_t language, _Out_ uint16_t *buffer, uint32_t size, uintptr_t args)',
      ) as LastErrorFunctions['format'],
    };
  }
  return functions;
}

/** The calling thread's last Win32 error, as left by the previous native call. Windows only. */
export function lastWin32Error(): number {
  return kernel32().get();
}

/** Sets the calling thread's last Win32 error. Windows only. */
export function setLastWin32Error(code: number): void {
  kernel32().set(code);
}

const FORMAT_MESSAGE_FROM_SYSTEM = 0x1000;
const FORMAT_MESSAGE_IGNORE_INSERTS = 0x200;
const MESSAGE_CHARS = 1024;

/**
 * The system's text for a Win32 error code or HRESULT (`FormatMessageW`), without the trailing
 * line break; '' if the system has none. Windows only.
 */
export function systemMessage(code: number): string {
  const buffer = new Uint16Array(MESSAGE_CHARS);
  const length = kernel32().format(
    FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
    0,
    code >>> 0,
    0,
    buffer,
    MESSAGE_CHARS,
    0,
  );
  return String.fromCharCode(...buffer.subarray(0, length)).trim();
}
