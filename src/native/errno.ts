import { koffi } from './koffi.js';

/**
 * The calling thread's `errno` as the last native call left it. koffi saves it after each call
 * and restores it before the next, so this is the value of the call just made.
 */
export function lastErrno(): number {
  return koffi.errno();
}

// strerror's buffer is static and reused by the next call: the text is copied out at once.
let strerror: ((code: number) => string | null) | undefined;

/** The C library's description of an `errno` value (`strerror`): `No such file or directory`. */
export function errnoText(code: number): string {
  strerror ??= koffi
    .load(process.platform === 'win32' ? 'ucrtbase.dll' : null) // the C runtime Node and koffi use
    .func('strerror', 'const char *', ['int']) as (code: number) => string | null;
  return strerror(code) ?? `errno ${code}`;
}

let errnoNames: Map<number, string> | undefined;

/** The symbolic name of an `errno` value on this platform (`ENOENT`), or undefined. */
export function errnoName(code: number): string | undefined {
  errnoNames ??= new Map(Object.entries(koffi.os.errno).map(([name, value]) => [value, name]));
  return errnoNames.get(code);
}
