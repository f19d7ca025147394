// The generated Win32 API (ffi-arena/win32/api, written by `npm run generate:win32`): every struct
// and union against mingw gcc's layout, every constant against the compiler's value, every function
// declared (everywhere) and bound to its DLL (under Wine), and handle types kept apart at compile time.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { free } from '../../src/allocators/free.js';
import { calloc } from '../../src/allocators/system-allocator.js';
import { using } from '../../src/arena/using.js';
import { BIND_NOW } from '../../src/calls/declare.js';
import { NativeSymbolError, UseAfterFreeError } from '../../src/errors.js';
import { readBytes } from '../../src/pointer/bytes.js';
import type { Pointer } from '../../src/pointer/pointer.js';
import { alignOf, offsetOf, sizeOf } from '../../src/types/layout.js';
import { type AnyType, type Field, StructType } from '../../src/types/type.js';
import * as api from '../../src/win32/generated/index.js';
import type { HKEY } from '../../src/win32/generated/types.js';
import { win32Library } from '../../src/win32/library.js';
import * as handWrittenStructs from '../../src/win32/structs.js';
import type { HWND } from '../../src/win32/types.js';

const windowsOnly = {
  skip: process.platform !== 'win32' && 'Windows only: npm run test:win32 runs it under Wine',
};
const oracle = fileURLToPath(new URL('./generated-oracle.exe', import.meta.url));
const summary = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../test/win32/generated/summary.json', import.meta.url)), 'utf8'),
) as { functions: number; structsAndUnions: number; constants: number };

const constantsFolder = new URL('../../src/win32/generated/constants/', import.meta.url);
/** Each header's constants module (`ffi-arena/win32/constants/winuser`), by module name. */
const constantModules = new Map<string, Record<string, unknown>>();
for (const file of readdirSync(constantsFolder)
  .filter((name) => name.endsWith('.js'))
  .sort()) {
  constantModules.set(file.slice(0, -3), await import(new URL(file, constantsFolder).href));
}
const constants = Object.assign({}, ...constantModules.values()) as Record<string, unknown>;

const exported = Object.entries(api as unknown as Record<string, unknown>);
const records = exported.filter(
  ([name, value]) => value instanceof StructType && !(name in handWrittenStructs),
) as [string, StructType][];
const functions = exported.filter(([, value]) => typeof value === 'function') as [
  string,
  Record<symbol, unknown>,
][];

test('the generated API has the functions, structs and constants its generator counted', () => {
  assert.equal(functions.length, summary.functions);
  assert.equal(records.length, summary.structsAndUnions);
  assert.equal(Object.keys(constants as object).length, summary.constants);
  assert.ok(functions.length >= 3000 && records.length >= 1000);
});

test('every generated function declaration is accepted: parsed, its types known, its call compiled', () => {
  const refused: string[] = [];
  for (const [name, fn] of functions) {
    try {
      assert.equal(typeof fn[BIND_NOW], 'function', name);
    } catch (error) {
      refused.push(`${name}: ${(error as Error).message}`);
    }
  }
  assert.deepEqual(refused, []);
});

test('each DLL module (ffi-arena/win32/kernel32, …) holds its functions and declares them on its own', () => {
  const perDll = (summary as unknown as { perDll: Record<string, number> }).perDll;
  const folder = new URL('../../src/win32/generated/functions/', import.meta.url);
  // A fresh process per module, importing nothing else: the names its declarations use must come
  // with it, not from the rest of the API.
  const script = `const m = await import(process.argv[1]);
const { BIND_NOW } = await import(process.argv[2]);
let declared = 0;
for (const fn of Object.values(m)) if (typeof fn === 'function') { fn[BIND_NOW]; declared++; }
console.log(declared);`;
  for (const [dll, count] of Object.entries(perDll)) {
    const module = new URL(`${dll.replace(/\.(dll|drv)$/, '')}.js`, folder);
    const output = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        script,
        module.href,
        new URL('../../src/calls/declare.js', import.meta.url).href,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(Number(output), count, dll);
  }
});

test('each header module of constants (ffi-arena/win32/constants/winuser, …) is named after its header', () => {
  assert.ok(constantModules.size > 50);
  assert.equal(constantModules.get('winuser')?.WM_CLOSE, 0x10);
  assert.equal(constantModules.get('winnt')?.MEM_COMMIT, 0x1000);
  assert.equal(constantModules.get('winerror')?.ERROR_ACCESS_DENIED, 5);
});

test('each generated function passes on exactly as many arguments as its declaration takes', () => {
  const wrong: string[] = [];
  for (const [name, fn] of functions) {
    // Too many arguments reach the declared function as given, which names its own arity.
    const error = (() => {
      try {
        Reflect.apply(fn as unknown as (...args: unknown[]) => unknown, undefined, new Array(40).fill(null));
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    const declared = /takes (\d+) arguments?; got 40/.exec(error?.message ?? '');
    if (declared === null || Number(declared[1]) !== (fn as unknown as { length: number }).length) {
      wrong.push(`${name}: stub of ${(fn as unknown as { length: number }).length}, ${error?.message}`);
    }
  }
  assert.deepEqual(wrong, []);
});

/** Functions that Wine 8.0's DLLs do not export (each with the reason), and so cannot be bound there. */
const WINE_MISSING: Record<string, string> = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../test/win32/wine-missing.json', import.meta.url)), 'utf8'),
);

test(
  'every generated function binds to its DLL under Windows, but those Wine does not export',
  windowsOnly,
  () => {
    const missing: Record<string, string> = {};
    const unexpected: string[] = [];
    for (const [name, fn] of functions) {
      try {
        (fn[BIND_NOW] as () => unknown)();
      } catch (error) {
        // A missing export is a NativeSymbolError that names the DLL.
        if (!(error instanceof NativeSymbolError) || !/\.(dll|drv)\b/.test(error.message)) {
          unexpected.push(`${name}: ${error}`);
        }
        missing[name] = (error as Error).message;
      }
    }
    assert.deepEqual(unexpected, []);
    assert.deepEqual(Object.keys(missing).sort(), Object.keys(WINE_MISSING).sort(), JSON.stringify(missing));
  },
);

interface OracleLayout {
  size: number;
  align: number;
  offsets: Record<string, number>;
  /** Each bit-field's [byte, mask] pairs (bit-fields have no offsetof). */
  bits?: Record<string, [number, number][]>;
}

/**
 * Field paths (`u.s.wReserved`) and offsets of a record, nested anonymous members included; its
 * bit-fields' paths and fields go to `bitFields`.
 */
function offsets(
  type: StructType,
  bitFields: Map<string, Field> = new Map(),
  prefix = '',
  base = 0,
  into: Record<string, number> = {},
) {
  for (const field of type.fields) {
    const path = `${prefix}${field.name}`;
    if (field.bitWidth !== undefined) {
      bitFields.set(path, field);
      continue;
    }
    into[path] = base + offsetOf(type, field.name as never);
    const inner = field.type as AnyType;
    // An anonymous member's record (`SYSTEM_INFO_u`) is no export of its own; a named one is checked as itself.
    if (inner instanceof StructType && !(inner.name in api)) {
      offsets(inner, bitFields, `${path}.`, into[path], into);
    }
  }
  return into;
}

/** The value with every bit of a bit-field set: -1 if it is signed (a bigint for 64-bit types). */
function allOnes(field: Field): number | bigint {
  const width = field.bitWidth as number;
  const signed = field.type.name.startsWith('i');
  if (field.type.size === 8) return signed ? -1n : (1n << BigInt(width)) - 1n;
  return signed ? -1 : 2 ** width - 1;
}

/**
 * The [byte, mask] pairs a bit-field occupies, as the oracle reports them: the bytes that setting it
 * to all ones, through a view of a zeroed struct, changes.
 */
function bitMask(type: StructType, path: string, field: Field): [number, number][] {
  return using((arena) => {
    const p = arena.alloc(type);
    const parts = path.split('.');
    let view = p.ref as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) view = view[part] as Record<string, unknown>;
    view[parts.at(-1) as string] = allOnes(field);
    return Array.from(readBytes(p)).flatMap((byte, index): [number, number][] =>
      byte === 0 ? [] : [[index, byte]],
    );
  });
}

test('every generated struct and union has the layout mingw gcc gives it', windowsOnly, () => {
  const layouts = JSON.parse(execFileSync(oracle, { encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<
    string,
    OracleLayout
  >;
  assert.deepEqual(
    Object.keys(layouts).sort(),
    records.map(([name]) => name).sort(),
    'the oracle covers every record',
  );
  let bitFieldCount = 0;
  for (const [name, type] of records) {
    const expected = layouts[name] as OracleLayout;
    assert.equal(sizeOf(type), expected.size, `sizeof(${name})`);
    assert.equal(alignOf(type), expected.align, `_Alignof(${name})`);
    const bitFields = new Map<string, Field>();
    assert.deepEqual(offsets(type, bitFields), expected.offsets, `offsetof of ${name}'s fields`);
    const masks = Object.fromEntries(
      [...bitFields].map(([path, field]) => [path, bitMask(type, path, field)]),
    );
    assert.deepEqual(masks, expected.bits ?? {}, `the bytes and bits of ${name}'s bit-fields`);
    bitFieldCount += bitFields.size;
  }
  assert.ok(bitFieldCount >= 100, `bit-fields checked: ${bitFieldCount}`);
});

test('every generated constant has the value the C compiler gives it', windowsOnly, () => {
  const values = JSON.parse(execFileSync(oracle, ['c'], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<
    string,
    [number, string]
  >;
  assert.deepEqual(
    Object.keys(values).sort(),
    Object.keys(constants as object).sort(),
    'the oracle covers every constant',
  );
  const wrong: string[] = [];
  for (const [name, value] of Object.entries(constants as unknown as Record<string, number | bigint>)) {
    const [size, bits] = values[name] as [number, string];
    const width = BigInt(size * 8);
    const ours = BigInt.asUintN(Number(width), BigInt(value));
    if (ours !== BigInt.asUintN(Number(width), BigInt(bits))) wrong.push(`${name}: ${value} != ${bits}`);
  }
  assert.deepEqual(wrong, []);
});

test('a handle of one type is a compile error where another is declared', () => {
  const pass = (hKey: HKEY, hWnd: HWND) => {
    // @ts-expect-error an HKEY is not an HWND
    api.IsWindowVisible(hKey);
    // @ts-expect-error an HWND is not an HKEY
    api.RegCloseKey(hWnd);
    api.IsWindowVisible(hWnd);
    api.RegCloseKey(hKey);
    api.CloseHandle(hWnd); // any handle is a HANDLE
    api.IsWindowVisible(0n);
    api.IsWindowVisible(null);
  };
  assert.equal(typeof pass, 'function');
});

test('win32Library declarations know the generated names, and TypeScript types them from those', () => {
  const kernel32 = win32Library('kernel32.dll');
  const getSystemInfo = kernel32.func('void GetSystemInfo(LPSYSTEM_INFO lpSystemInfo)');
  const typed: (lpSystemInfo: Pointer<typeof api.SYSTEM_INFO> | bigint | null) => void = getSystemInfo;
  const enumResourceTypes = kernel32.func(
    'BOOL EnumResourceTypesW(HMODULE hModule, ENUMRESTYPEPROCW lpEnumFunc, LONG_PTR lParam)',
  );
  const misuse = () => {
    // @ts-expect-error a MEMORYSTATUSEX is not a SYSTEM_INFO
    getSystemInfo(calloc.alloc(api.MEMORYSTATUSEX));
    // @ts-expect-error a callback takes a function, not a number
    enumResourceTypes(0n, 5, 0n);
  };
  // Declared, checked and compiled here too: the names are known at run time as well.
  assert.equal(typeof (typed as unknown as Record<symbol, unknown>)[BIND_NOW], 'function');
  assert.equal(typeof (enumResourceTypes as unknown as Record<symbol, unknown>)[BIND_NOW], 'function');
  assert.equal(typeof misuse, 'function');
});

test('a freed pointer passed to a generated function is a UseAfterFreeError, before any native code runs', () => {
  const info = calloc.alloc(api.SYSTEM_INFO);
  free(info);
  assert.throws(() => api.GetSystemInfo(info), UseAfterFreeError);
});
