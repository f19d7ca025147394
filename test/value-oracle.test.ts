// C is the oracle for values: a shared library compiled during the test writes known values that
// ffi-arena must read, and checks field by field the values ffi-arena writes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import koffi from 'koffi';
import {
  array,
  bool,
  calloc,
  f32,
  f64,
  free,
  i8,
  i16,
  i32,
  i64,
  isize,
  NULL,
  type Pointer,
  struct,
  toKoffi,
  u8,
  u16,
  u32,
  u64,
  union,
  usize,
  voidPtr,
} from '../src/index.js';
import { compileSharedLibrary } from './support/gcc.js';

// gcc builds the oracle here; on Windows, scripts/test-win32.sh built it with mingw beside this file.
const library = koffi.load(
  process.platform === 'win32'
    ? fileURLToPath(new URL('./value-oracle.dll', import.meta.url))
    : compileSharedLibrary(
        'values',
        readFileSync(new URL('../../test/value-oracle.c', import.meta.url), 'utf8'),
      ),
);
const FIELDS = [
  'u8',
  'i8',
  'u16',
  'i16',
  'u32',
  'i32',
  'u64',
  'i64',
  'f32',
  'f64',
  'b',
  'usize',
  'isize',
  'ptr',
  'pt',
  'arr',
  'u',
];

const Point = struct('Point', { x: i32, y: i32 });
const AllTypes = struct('AllTypes', {
  u8,
  i8,
  u16,
  i16,
  u32,
  i32,
  u64,
  i64,
  f32,
  f64,
  b: bool,
  usize,
  isize,
  ptr: voidPtr,
  pt: Point,
  arr: array(i16, 3),
  u: union('Word', { word: u32, bytes: array(u8, 4) }),
});

const allTypesSize = library.func('size_t all_types_size(void)') as () => number;
const fill = library.func('void fill(uintptr_t p, int which)') as (p: bigint, which: number) => void;
const check = library.func('uint32_t check(uintptr_t p, int which)') as (p: bigint, which: number) => number;
const pointSum = library.func('point_sum', 'int64_t', [toKoffi(Point)]) as (p: object) => number;
const pointMake = library.func('point_make', toKoffi(Point), ['int32_t', 'int32_t']) as (
  x: number,
  y: number,
) => { x: number; y: number };

function withAllTypes(body: (p: Pointer<typeof AllTypes>) => void): void {
  const p = calloc.alloc(AllTypes);
  try {
    body(p);
  } finally {
    free(p);
  }
}

function failedFields(mask: number): string[] {
  return FIELDS.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

test('the struct with every primitive has the size C gives it', () => {
  assert.equal(AllTypes.size, allTypesSize());
});

test('minimums, NaN and -0 written by C read back exactly', () => {
  withAllTypes((p) => {
    fill(p.address, 0);
    const r = p.ref;
    assert.deepEqual(
      [r.u8, r.i8, r.u16, r.i16, r.u32, r.i32, r.u64, r.i64],
      [0, -128, 0, -32768, 0, -2147483648, 0n, -9223372036854775808n],
    );
    assert.ok(Number.isNaN(r.f32));
    assert.ok(Object.is(r.f64, -0));
    assert.equal(r.b, false);
    assert.equal(r.usize, 0n);
    assert.equal(r.isize, -9223372036854775808n);
    assert.ok(r.ptr.isNull);
    assert.deepEqual([r.pt.x, r.pt.y], [-1, -2147483648]);
    assert.deepEqual(r.arr.toArray(), [-1, -32768, 0]);
    assert.equal(r.u.word, 0x01020304);
    assert.deepEqual(r.u.bytes.toArray(), [4, 3, 2, 1]);
  });
});

test('maximums, infinities and a pointer written by C read back exactly', () => {
  withAllTypes((p) => {
    fill(p.address, 1);
    const r = p.ref;
    assert.deepEqual(
      [r.u8, r.i8, r.u16, r.i16, r.u32, r.i32, r.u64, r.i64],
      [255, 127, 65535, 32767, 4294967295, 2147483647, 2n ** 64n - 1n, 2n ** 63n - 1n],
    );
    assert.equal(r.f32, Number.NEGATIVE_INFINITY);
    assert.equal(r.f64, Number.MAX_VALUE);
    assert.equal(r.b, true);
    assert.equal(r.usize, 2n ** 64n - 1n);
    assert.equal(r.isize, 2n ** 63n - 1n);
    assert.equal(r.ptr.address, p.address);
    assert.deepEqual([r.pt.x, r.pt.y], [2147483647, 7]);
    assert.deepEqual(r.arr.toArray(), [32767, 1, -2]);
    assert.equal(r.u.word, 0xdeadbeef);
  });
});

test('minimums, NaN and -0 written by ffi-arena are what C reads', () => {
  withAllTypes((p) => {
    fill(p.address, 1); // start from different values everywhere
    const r = p.ref;
    r.u8 = 0;
    r.i8 = -128;
    r.u16 = 0;
    r.i16 = -32768;
    r.u32 = 0;
    r.i32 = -2147483648;
    r.u64 = 0n;
    r.i64 = -(2n ** 63n);
    r.f32 = Number.NaN;
    r.f64 = -0;
    r.b = false;
    r.usize = 0n;
    r.isize = -(2n ** 63n);
    r.ptr = NULL;
    r.pt.x = -1;
    r.pt.y = -2147483648;
    r.arr.set(0, -1);
    r.arr.set(1, -32768);
    r.arr.set(2, 0);
    r.u.bytes.set(0, 4);
    assert.deepEqual(failedFields(check(p.address, 0)), []);
  });
});

function writeMaximums(p: Pointer<typeof AllTypes>): void {
  p.value = {
    u8: 255,
    i8: 127,
    u16: 65535,
    i16: 32767,
    u32: 4294967295,
    i32: 2147483647,
    u64: 2n ** 64n - 1n,
    i64: 2n ** 63n - 1n,
    f32: 16777217, // not representable in float: rounds to 16777216 as in C
    f64: Number.MAX_VALUE,
    b: true,
    usize: 2n ** 64n - 1n,
    isize: 2n ** 63n - 1n,
    ptr: p,
    pt: { x: 2147483647, y: 7 },
    arr: [32767, 1, -2],
    u: { word: 0xdeadbeef },
  };
}

test('maximums written by ffi-arena, including a rounded float and a pointer, are what C reads', () => {
  withAllTypes((p) => {
    writeMaximums(p);
    assert.deepEqual(failedFields(check(p.address, 1)), []);
    assert.equal(p.ref.f32, 16777216);
  });
});

test('a mask from C names the fields that differ, so the checks above can fail', () => {
  withAllTypes((p) => {
    writeMaximums(p);
    p.ref.u16 = 1;
    p.ref.isize = 0n;
    assert.deepEqual(failedFields(check(p.address, 1)), ['u16', 'isize']);
  });
});

test('toKoffi lets koffi pass ffi-arena structs by value and return them', () => {
  assert.equal(pointSum({ x: 40, y: 2 }), 42);
  assert.deepEqual(pointMake(-3, 9), { x: -3, y: 9 });
});
