import { isWindows, koffi } from './koffi.js';

// Windows keeps errno in each C runtime; Node and koffi use the UCRT (ucrtbase.dll), so that is
// the errno read, and the one a library must set (mingw: link with -lucrt). koffi.errno() reads 0
// there, measured under Wine.
let ucrt: ReturnType<typeof koffi.load> | undefined;
let getUcrtErrno: ((value: number[]) => number) | undefined;
const ucrtErrno = [0];

function ucrtbase(): ReturnType<typeof koffi.load> {
  ucrt ??= koffi.load('ucrtbase.dll');
  return ucrt;
}

/**
 * The calling thread's `errno` as the last native call left it. On POSIX koffi saves it after
 * each call and restores it before the next, so this is the value of the call just made; on
 * Windows it is the UCRT's, read before any other call can change it.
 */
export function lastErrno(): number {
  if (!isWindows) return koffi.errno();
  getUcrtErrno ??= ucrtbase().func('int _get_errno(_Out_ int *value)') as (value: number[]) => number;
  getUcrtErrno(ucrtErrno);
  return ucrtErrno[0] as number;
}

let setUcrtErrno: ((value: number) => number) | undefined;

/**
 * Sets the calling thread's `errno` to 0 for the next native call (koffi restores its saved value
 * before each call on POSIX; on Windows, the UCRT's), so that a function that reports errors only
 * through `errno` (`strtol`) leaves 0 when it succeeds, whatever ran before, on every runtime.
 */
export function clearErrno(): void {
  if (!isWindows) {
    koffi.errno(0);
    return;
  }
  setUcrtErrno ??= ucrtbase().func('int _set_errno(int value)') as (value: number) => number;
  setUcrtErrno(0);
}

// strerror's buffer is static and reused by the next call: the text is copied out at once.
let strerror: ((code: number) => string | null) | undefined;

/** The C library's description of an `errno` value (`strerror`): `No such file or directory`. */
export function errnoText(code: number): string {
  strerror ??= (isWindows ? ucrtbase() : koffi.load(null)).func('strerror', 'const char *', ['int']) as (
    code: number,
  ) => string | null;
  return strerror(code) ?? `errno ${code}`;
}

let errnoNames: Map<number, string> | undefined;

/** The symbolic name of an `errno` value on this platform (`ENOENT`), or undefined. */
export function errnoName(code: number): string | undefined {
  errnoNames ??= new Map(Object.entries(koffi.os.errno).map(([name, value]) => [value, name]));
  return errnoNames.get(code);
}
