// Every public entry point × hostile values: each call either throws a typed FfiArenaError or is
// listed below as a deliberate success. Nothing may throw anything else, or succeed silently.
// The codes thrown must all be documented in the README's Errors section.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  Arena,
  adopt,
  alignOf,
  allocTrailing,
  array,
  bits,
  callbackType,
  calloc,
  copyBytes,
  cType,
  FfiArenaError,
  fillBytes,
  flexibleArray,
  free,
  LeakTracker,
  library,
  NULL,
  offsetOf,
  opaque,
  Pointer,
  pointerTo,
  readBytes,
  readBytesInto,
  registerCallback,
  sizeOf,
  struct,
  toKoffi,
  toNativeUtf8,
  toNativeUtf16,
  toUtf8String,
  toUtf16String,
  trailing,
  u8,
  u32,
  union,
  using,
  withZoneArena,
  writeBytes,
} from '../src/index.js';
import { expectNoLeaks } from '../src/testing/index.js';
import { SetLastError, Win32Error, WindowsException, win32Library } from '../src/win32/index.js';

const P = struct('MATRIX_P', { x: u32 });
/** The pointer the `pointer.*` calls use; nothing below frees it. */
const live = calloc.alloc(P);

/** Hostile values by name, made fresh for every call (a call may free a pointer or an arena). */
function hostileValues(): Record<string, unknown> {
  const dead = calloc.alloc(P);
  free(dead);
  return {
    null: null,
    undefined: undefined,
    'string "x"': 'x',
    'string "3"': '3',
    '-1': -1,
    '1.5': 1.5,
    NaN: Number.NaN,
    Infinity: Number.POSITIVE_INFINITY,
    '2^60': 2 ** 60,
    '0': 0,
    'empty object': {},
    'empty array': [],
    function: () => 1,
    symbol: Symbol('hostile'),
    '10n': 10n,
    '-1n': -1n,
    'live pointer': calloc.alloc(P),
    'freed pointer': dead,
    'struct type': P,
    arena: new Arena(),
  };
}
const arena = new Arena();
const kernel32 = win32Library('kernel32.dll');
const isWindows = process.platform === 'win32';
const libc = library(isWindows ? 'msvcrt.dll' : 'libc.so.6');
// time(NULL) is safe to call; every other hostile value must be refused before C sees it.
const time = libc.func('long long time(long long *t)');
const IntFn = callbackType('int IntFn(int v)');

/** Each call, and the hostile values it rightly accepts (with why). Everything else must throw. */
const CALLS: [string, (x: unknown) => unknown, string[]][] = [
  ['calloc.alloc(x)', (x) => calloc.alloc(x as never), ['struct type']],
  ['calloc.alloc(u8, x)', (x) => calloc.alloc(u8, x as never), ['undefined' /* default count */, '0']],
  ['calloc.allocate(x)', (x) => calloc.allocate(x as never), ['0' /* as C: a freeable empty block */]],
  ['calloc.allocate(8, x)', (x) => calloc.allocate(8, x as never), ['undefined' /* default alignment */]],
  ['free(x)', (x) => free(x as never), ['live pointer']],
  ['struct(x, fields)', (x) => struct(x as never, { a: u8 }), ['string "x"', 'string "3"']],
  ['struct("S", x)', (x) => struct('S', x as never), []],
  ['union("U", x)', (x) => union('U', x as never), []],
  ['array(x, 2)', (x) => array(x as never, 2), ['struct type']],
  ['array(u8, x)', (x) => array(u8, x as never), []],
  [
    'pointerTo(x)',
    (x) => pointerTo(x as never),
    ['struct type', 'string "x"' /* the struct being defined */, 'function' /* resolved when used */],
  ],
  ['sizeOf(x)', (x) => sizeOf(x as never), ['struct type']],
  ['alignOf(x)', (x) => alignOf(x as never), ['struct type']],
  ['offsetOf(P, x)', (x) => offsetOf(P, x as never), ['string "x"' /* the field's name */]],
  ['toKoffi(x)', (x) => toKoffi(x as never), ['struct type']],
  ['Pointer.fromAddress(x, u8)', (x) => Pointer.fromAddress(x as never, u8), ['0' /* NULL */]],
  ['Pointer.fromAddress(a, u8, x)', (x) => Pointer.fromAddress(live.address, u8, x as never), ['undefined']],
  ['pointer.get(x)', (x) => live.get(x as never), ['0']],
  ['pointer.at(x)', (x) => live.at(x as never), ['0']],
  ['pointer.cast(x)', (x) => live.cast(x as never), ['struct type']],
  ['pointer.cast(u8, x)', (x) => live.cast(u8, x as never), ['undefined']],
  [
    'pointer.toUtf8String(x)',
    (x) => live.toUtf8String(x as never),
    ['undefined', '0' /* length 0: '' */, 'empty object' /* no options */],
  ],
  [
    'pointer.ref.x = x',
    (x) => {
      live.ref.x = x as never;
    },
    ['0'],
  ],
  ['new Arena(x)', (x) => new Arena(x as never), ['undefined', 'arena' /* an arena over an arena */]],
  ['using(x)', (x) => using(x as never), ['function']],
  ['using(fn, x)', (x) => using(() => 1, x as never), ['undefined', 'arena']],
  ['withZoneArena(x)', (x) => withZoneArena(x as never), ['function']],
  ['arena.alloc(x)', (x) => arena.alloc(x as never), ['struct type']],
  ['arena.defer(x)', (x) => arena.defer(x as never), ['function']],
  ['bits(u8, x)', (x) => bits(u8, x as never), ['0' /* C's unnamed T : 0 */]],
  ['bits(x, 1)', (x) => bits(x as never, 1), []],
  ['flexibleArray(x)', (x) => flexibleArray(x as never), ['struct type']],
  ['allocTrailing(calloc, x, 1)', (x) => allocTrailing(calloc, x as never, 1), []],
  ['trailing(x)', (x) => trailing(x as never), []],
  ['adopt(x, f)', (x) => adopt(x as never, () => undefined), [] /* NULL is not among the values */],
  ['adopt(NULL, x)', (x) => adopt(NULL, x as never), ['function']],
  ['writeBytes(x, bytes)', (x) => writeBytes(x as never, new Uint8Array(1)), ['live pointer']],
  ['writeBytes(p, x)', (x) => writeBytes(live, x as never), []],
  ['readBytes(p, x)', (x) => readBytes(live, x as never), ['undefined' /* all of it */, '0']],
  ['readBytesInto(p, x)', (x) => readBytesInto(live, x as never), []],
  ['fillBytes(p, x)', (x) => fillBytes(live, x as never), ['0']],
  ['copyBytes(p, p, x)', (x) => copyBytes(live, live, x as never), ['0']],
  ['toNativeUtf8(x)', (x) => toNativeUtf8(x as never), ['string "x"', 'string "3"']],
  ['toNativeUtf16("a", x)', (x) => toNativeUtf16('a', x as never), ['undefined', 'arena']],
  ['toUtf8String(x)', (x) => toUtf8String(x as never), ['live pointer']],
  ['toUtf16String(x)', (x) => toUtf16String(x as never), ['live pointer']],
  [
    'LeakTracker.enabled = x',
    (x) => {
      LeakTracker.enabled = x as never;
    },
    [],
  ],
  [
    'LeakTracker.ignore(x)',
    (x) => LeakTracker.ignore(x as never)(),
    ['function', 'live pointer', 'freed pointer', 'arena'],
  ],
  ['LeakTracker.track(x)', (x) => LeakTracker.track(x as never), ['function']],
  ['expectNoLeaks(x)', (x) => expectNoLeaks(x as never), ['function']],
  ['win32Library(x)', (x) => win32Library(x as never), ['string "x"', 'string "3"']],
  ['win32Library(dll).func(x)', (x) => kernel32.func(x as never), []],
  [
    'win32Library(dll).func(sig, x)',
    (x) => kernel32.func('BOOL Beep(DWORD, DWORD)', x as never),
    ['undefined', 'empty object'],
  ],
  ['library(x)', (x) => library(x as never), ['string "x"', 'string "3"']],
  ['library(path).func(x)', (x) => libc.func(x as never), []],
  ['library(path).func(sig, x)', (x) => libc.func('int abs(int)', x as never), ['undefined', 'empty object']],
  ['declared time(x)', (x) => time(x as never), ['null']],
  ['cType(x)', (x) => cType(x as never), []],
  ['callbackType(x)', (x) => callbackType(x as never), []],
  ['registerCallback(IntFn, x)', (x) => free(registerCallback(IntFn, x as never)), ['function']],
  ['registerCallback(x, fn)', (x) => registerCallback(x as never, (() => 0) as never), []],
  ['arena.callback(IntFn, x)', (x) => arena.callback(IntFn, x as never), ['function']],
  ['opaque(x)', (x) => opaque(x as never), ['string "x"']],
  // Off Windows an accepted argument reaches the platform check, which throws: nothing is accepted.
  ['SetLastError(x)', (x) => SetLastError(x as never), isWindows ? ['0'] : []],
  ['new Win32Error(x)', (x) => new Win32Error(x as never), ['-1', '0']],
  ['new WindowsException(x)', (x) => new WindowsException(x as never), ['-1', '0']],
];

const thrownCodes = new Set<string>();

for (const [name, call, accepted] of CALLS) {
  test(`${name} throws a typed error for every hostile value it does not accept`, () => {
    for (const [label, value] of Object.entries(hostileValues())) {
      let outcome: string;
      try {
        call(value);
        outcome = 'accepted';
      } catch (error) {
        if (!(error instanceof FfiArenaError)) {
          assert.fail(`${name} with ${label} threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
        }
        thrownCodes.add(error.code);
        outcome = 'typed error';
      }
      const expected = accepted.includes(label) ? 'accepted' : 'typed error';
      assert.equal(outcome, expected, `${name} with ${label}`);
    }
    LeakTracker.enabled = true;
  });
}

test('every code the matrix throws is documented in the README', () => {
  const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md'), 'utf8');
  const errors = readme.slice(
    readme.indexOf('## Errors'),
    readme.indexOf('\n## ', readme.indexOf('## Errors') + 1),
  );
  assert.ok(thrownCodes.size >= 6, [...thrownCodes].join(', '));
  for (const code of thrownCodes) assert.ok(errors.includes(code), `README's Errors section lists ${code}`);
});
