// Bit-fields by the Microsoft rules (MSVC, mingw-w64), against mingw itself: random structs and
// unions (test/support/microsoft-bit-fields.ts) compiled by x86_64-w64-mingw32-gcc. On Linux the
// oracle is the compiler's own initialised data (an object file's .data: sizeof, _Alignof and the
// bytes of each struct with its members set); under Wine, scripts/test-win32.sh builds the same
// program into an .exe that sets the members at run time and prints the bytes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import koffi from 'koffi';
import {
  alignOf,
  bits,
  InvalidTypeError,
  InvalidValueError,
  offsetOf,
  readBytes,
  sizeOf,
  struct,
  toKoffi,
  u8,
  u16,
  u32,
  using,
  writeBytes,
} from '../src/index.js';
import {
  type Definition,
  MICROSOFT_DEFINITIONS,
  MICROSOFT_SEED,
  microsoftOracleSource,
  type OracleLayout,
  parseOracleData,
  parseOracleOutput,
} from './support/microsoft-bit-fields.js';
import { asRead } from './support/random-bit-fields.js';

const onWindows = process.platform === 'win32';

/** mingw's layouts, from the object file's data (Linux) or from the .exe's output (Windows). */
function mingwLayouts(): OracleLayout[] {
  if (onWindows) {
    const exe = fileURLToPath(new URL('./microsoft-bit-fields.exe', import.meta.url));
    return parseOracleOutput(execFileSync(exe, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  }
  const dir = mkdtempSync(join(tmpdir(), 'ffi-arena-ms-'));
  const source = join(dir, 'oracle.c');
  const object = join(dir, 'oracle.o');
  const data = join(dir, 'oracle.data');
  writeFileSync(source, microsoftOracleSource(MICROSOFT_DEFINITIONS));
  execFileSync(
    'x86_64-w64-mingw32-gcc',
    ['-std=c11', '-O0', '-Wall', '-Werror', '-c', '-o', object, source],
    {
      stdio: 'pipe',
    },
  );
  // `oracle` must be the only object in .data, at its start.
  const symbols = execFileSync('x86_64-w64-mingw32-nm', [object], { encoding: 'utf8' });
  assert.match(symbols, /^0+ D oracle$/m);
  assert.doesNotMatch(symbols.replace(/^0+ D oracle$/m, ''), / [Dd] (?!\.data)/);
  execFileSync('x86_64-w64-mingw32-objcopy', ['-O', 'binary', '-j', '.data', object, data]);
  return parseOracleData(new Uint8Array(readFileSync(data)), MICROSOFT_DEFINITIONS.length);
}

function checkAgainst(definition: Definition, oracle: OracleLayout): void {
  const { type, written, members } = definition;
  const context = `${type.name} (seed ${MICROSOFT_SEED}): ${members
    .map((m) => `${m.cName} ${m.width === 0 ? '' : m.name}${m.width === undefined ? '' : `:${m.width}`}`)
    .join('; ')}`;
  assert.equal(sizeOf(type), oracle.size, `sizeof ${context}`);
  assert.equal(alignOf(type), oracle.align, `_Alignof ${context}`);
  assert.equal(koffi.sizeof(toKoffi(type)), oracle.size, `koffi sizeof ${context}`);
  using((arena) => {
    const ours = arena.alloc(type);
    const ref = ours.ref as Record<string, number | bigint>;
    for (const m of written) ref[m.name] = asRead(m, m.value);
    assert.deepEqual(Array.from(readBytes(ours)), oracle.bytes, `bytes of ${context}`);
    const theirs = arena.alloc(type);
    writeBytes(theirs, new Uint8Array(oracle.bytes));
    const read = theirs.ref as Record<string, number | bigint>;
    for (const m of written) assert.equal(read[m.name], asRead(m, m.value), `${context}.${m.name}`);
  });
}

test(`random bit-field structs and unions have mingw's size, alignment and bytes, both ways (seed ${MICROSOFT_SEED})`, () => {
  const layouts = mingwLayouts();
  assert.equal(layouts.length, MICROSOFT_DEFINITIONS.length);
  const all = MICROSOFT_DEFINITIONS.flatMap((d) => d.members);
  assert.ok(
    all.some((m) => m.width === 0),
    'zero-width bit-fields are covered',
  );
  assert.ok(
    all.some((m) => m.width !== undefined && m.cName.endsWith('64_t')),
    '64-bit units too',
  );
  assert.ok(
    MICROSOFT_DEFINITIONS.some((d) => d.kind === 'union'),
    'unions too',
  );
  for (const [index, definition] of MICROSOFT_DEFINITIONS.entries())
    checkAgainst(definition, layouts[index]!);
});

test('on Windows the Microsoft layout is the default; elsewhere System V is', () => {
  const fields = { a: bits(u8, 3), b: bits(u16, 5), c: u8 };
  const host = struct('HOST_BITS', fields);
  const named = struct('NAMED_BITS', fields, { bitFieldLayout: onWindows ? 'microsoft' : 'system-v' });
  const other = struct('OTHER_BITS', fields, { bitFieldLayout: onWindows ? 'system-v' : 'microsoft' });
  assert.deepEqual(
    [sizeOf(host), offsetOf(host, 'b'), offsetOf(host, 'c')],
    [sizeOf(named), offsetOf(named, 'b'), offsetOf(named, 'c')],
  );
  // System V packs b into the same bytes as a; Microsoft starts a new u16 unit for it.
  assert.deepEqual(onWindows ? [sizeOf(host), sizeOf(other)] : [sizeOf(other), sizeOf(host)], [6, 2]);
});

test('the rules, one by one, as mingw applies them', () => {
  const ms = { bitFieldLayout: 'microsoft' } as const;
  // A run shares one unit of the type's size while the fields fit; one that does not starts the next.
  const fits = struct('FITS', { a: bits(u32, 20), b: bits(u32, 12), c: bits(u32, 1) }, ms);
  assert.deepEqual([sizeOf(fits), offsetOf(fits, 'b'), offsetOf(fits, 'c')], [8, 0, 4]);
  // A type of another size starts a new unit, even with room left.
  const sizes = struct('SIZES', { a: bits(u8, 1), b: bits(u32, 1) }, ms);
  assert.deepEqual([sizeOf(sizes), offsetOf(sizes, 'b')], [8, 4]);
  // A plain member after a run starts after the whole unit.
  const after = struct('AFTER', { a: bits(u32, 1), b: u8 }, ms);
  assert.deepEqual([sizeOf(after), offsetOf(after, 'b')], [8, 4]);
  // A zero-width bit-field after a bit-field ends the run and aligns what follows to its type...
  const zero = struct('ZERO', { a: bits(u8, 4), z: bits(u16, 0), b: u8 }, ms);
  assert.deepEqual([sizeOf(zero), alignOf(zero), offsetOf(zero, 'b')], [4, 2, 2]);
  // ...and after a plain member it is ignored.
  const ignored = struct('IGNORED', { a: u8, z: bits(u32, 0), b: u8 }, ms);
  assert.deepEqual([sizeOf(ignored), alignOf(ignored), offsetOf(ignored, 'b')], [2, 1, 1]);
});

test('Win32 bit-field structs such as DCB have their Windows layout on every platform', () => {
  const DWORD = u32;
  const DCB = struct(
    'DCB',
    {
      DCBlength: DWORD,
      BaudRate: DWORD,
      fBinary: bits(DWORD, 1),
      fParity: bits(DWORD, 1),
      fOutxCtsFlow: bits(DWORD, 1),
      fOutxDsrFlow: bits(DWORD, 1),
      fDtrControl: bits(DWORD, 2),
      fDsrSensitivity: bits(DWORD, 1),
      fTXContinueOnXoff: bits(DWORD, 1),
      fOutX: bits(DWORD, 1),
      fInX: bits(DWORD, 1),
      fErrorChar: bits(DWORD, 1),
      fNull: bits(DWORD, 1),
      fRtsControl: bits(DWORD, 2),
      fAbortOnError: bits(DWORD, 1),
      fDummy2: bits(DWORD, 17),
      wReserved: u16,
      XonLim: u16,
      XoffLim: u16,
      ByteSize: u8,
      Parity: u8,
      StopBits: u8,
      XonChar: u8,
      XoffChar: u8,
      ErrorChar: u8,
      EofChar: u8,
      EvtChar: u8,
      wReserved1: u16,
    },
    { bitFieldLayout: 'microsoft' },
  );
  // sizeof(DCB) and offsetof(DCB, wReserved) as Windows' headers give them (mingw agrees).
  assert.deepEqual([sizeOf(DCB), offsetOf(DCB, 'wReserved')], [28, 12]);
  using((arena) => {
    const dcb = arena.alloc(DCB);
    dcb.ref.fDtrControl = 2;
    dcb.ref.fRtsControl = 3;
    dcb.ref.fDummy2 = 0x1ffff;
    assert.deepEqual(Array.from(readBytes(dcb).subarray(8, 12)), [0x20, 0xb0, 0xff, 0xff]);
  });
});

test('a zero-width bit-field reads as 0 and takes only 0; a bad layout name is an InvalidTypeError', () => {
  const Z = struct('Z', { a: bits(u8, 3), z: bits(u32, 0), b: bits(u8, 2) }, { bitFieldLayout: 'microsoft' });
  using((arena) => {
    const p = arena.alloc(Z);
    p.ref.z = 0;
    assert.equal(p.ref.z, 0);
    assert.throws(() => {
      p.ref.z = 1;
    }, /zero-width bit-field/);
    assert.throws(() => {
      p.value = { z: 1 };
    }, InvalidValueError);
  });
  assert.throws(
    () => struct('BAD', { a: bits(u8, 1) }, { bitFieldLayout: 'msvc' as never }),
    /bitFieldLayout must be 'system-v' or 'microsoft'; got "msvc"/,
  );
  assert.throws(() => bits(u8, 9), InvalidTypeError);
  assert.throws(() => bits(u16, -1), InvalidTypeError);
});
