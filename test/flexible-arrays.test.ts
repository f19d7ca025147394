// Flexible array members (`E name[]`, and Win32's `E name[1]`) counted at allocation time: gcc's
// layout, allocTrailing's sizes, and trailing(p)'s bounds and lifetime.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Arena,
  alignOf,
  allocTrailing,
  array,
  calloc,
  flexibleArray,
  free,
  InvalidTypeError,
  i64,
  malloc,
  OutOfBoundsError,
  offsetOf,
  Pointer,
  type PrimitiveType,
  readBytes,
  sizeOf,
  struct,
  trailing,
  UseAfterFreeError,
  u8,
  u16,
  u32,
  u64,
  union,
  using,
} from '../src/index.js';
import { FIXED_WIDTH_INTEGERS } from './support/c-integers.js';
import { compileAndRun } from './support/gcc.js';
import { Random, seedFromEnvironment } from './support/random.js';

const onWindows = process.platform === 'win32';
const gccOnly = { skip: onWindows && 'needs gcc on the host' };
const SCALARS = FIXED_WIDTH_INTEGERS.filter(([type]) => type.name.startsWith('u')); // u8 … u64

const seed = seedFromEnvironment(20261129);
const random = new Random(seed);
const definitions = Array.from({ length: 60 }, (_, index) => {
  const heads = Array.from(
    { length: random.int(1, 4) },
    (_, i) => [`h${i}`, ...random.pick(SCALARS)] as const,
  );
  const [element, elementC] = random.pick(SCALARS);
  const type = struct(`FAM${index}`, [
    ...heads.map(([name, t]) => [name, t] as const),
    ['items', flexibleArray(element as PrimitiveType<'u8'>)] as const,
  ]);
  const c = `typedef struct FAM${index} { ${heads.map(([name, , cName]) => `${cName} ${name};`).join(' ')} ${elementC} items[]; } FAM${index};`;
  return { type, c };
});

test(`flexible array members have gcc's sizeof, _Alignof and offsetof (seed ${seed})`, gccOnly, () => {
  const source = [
    '#include <stddef.h>',
    '#include <stdint.h>',
    '#include <stdio.h>',
    ...definitions.map((d) => d.c),
    'int main(void) {',
    ...definitions.map(
      ({ type }) =>
        `  printf("%zu %zu %zu\\n", sizeof(${type.name}), _Alignof(${type.name}), offsetof(${type.name}, items));`,
    ),
    '  return 0;',
    '}',
  ].join('\n');
  const lines = compileAndRun('flexible-arrays', source).trim().split('\n');
  definitions.forEach(({ type }, index) => {
    const [size, align, offset] = lines[index]!.split(' ').map(Number);
    assert.equal(sizeOf(type), size, `sizeof ${type.name}`);
    assert.equal(alignOf(type), align, `_Alignof ${type.name}`);
    assert.equal(offsetOf(type, 'items' as never), offset, `offsetof(${type.name}, items)`);
  });
});

const PATH_LIST = struct('PATH_LIST', { tag: u8, count: u32, lengths: flexibleArray(u16) });

test('allocTrailing makes room for exactly n trailing elements, and trailing(p) is bounded by them', () => {
  using((arena) => {
    const list = allocTrailing(arena, PATH_LIST, 5);
    assert.equal(sizeOf(PATH_LIST), 8);
    assert.equal(list.byteLength, 8 + 5 * 2);
    list.ref.count = 5;
    const lengths = trailing(list);
    assert.equal(lengths.count, 5);
    for (let i = 0; i < 5; i++) lengths.set(i, 100 + i);
    assert.throws(() => lengths.set(5, 1), OutOfBoundsError);
    assert.deepEqual(Array.from(readBytes(list).subarray(8)), [100, 0, 101, 0, 102, 0, 103, 0, 104, 0]);
    assert.equal(trailing(allocTrailing(arena, PATH_LIST, 0)).count, 0);
  });
});

test('allocTrailing works from every allocator, and free() frees it', () => {
  for (const allocator of [calloc, malloc]) {
    const list = allocTrailing(allocator, PATH_LIST, 3);
    trailing(list).set(2, 7);
    assert.equal(trailing(list).get(2), 7);
    free(list);
    assert.throws(() => trailing(list), UseAfterFreeError);
  }
});

test('the Win32 E name[1] pattern counts its one declared element in', () => {
  const NAMES = struct('NAMES', { count: u16, names: array(u16, 1) });
  using((arena) => {
    const one = allocTrailing(arena, NAMES, 1);
    assert.equal(one.byteLength, sizeOf(NAMES));
    assert.equal(trailing(one).count, 1);
    assert.equal(trailing(allocTrailing(arena, NAMES, 10)).count, 10);
  });
});

test("the struct's tail padding, which C's sizeof counts, may hold more than n trailing elements", () => {
  const PADDED = struct('PADDED', { wide: u64, tag: u8, items: flexibleArray(u8) });
  assert.deepEqual([sizeOf(PADDED), offsetOf(PADDED, 'items')], [16, 9]);
  using((arena) => {
    assert.equal(trailing(allocTrailing(arena, PADDED, 0)).count, 7);
    assert.equal(trailing(allocTrailing(arena, PADDED, 20)).count, 20);
  });
});

test('trailing elements of a struct from C are widened with cast, as C trusts its count', () => {
  using((arena) => {
    const list = allocTrailing(arena, PATH_LIST, 4);
    trailing(list).set(3, 9);
    const fromC = Pointer.fromAddress(list.address, PATH_LIST);
    assert.equal(trailing(fromC).count, 0);
    assert.equal(trailing(fromC).cast(u16, 4).get(3), 9);
  });
});

test('a flexible array member that is not last, alone, or in a union is an InvalidTypeError', () => {
  assert.throws(() => struct('S', { items: flexibleArray(u8), n: u32 }), InvalidTypeError);
  assert.throws(() => struct('S', { items: flexibleArray(u8) }), InvalidTypeError);
  assert.throws(() => union('U', { n: u32, items: flexibleArray(u8) }), InvalidTypeError);
  assert.throws(() => flexibleArray(flexibleArray(u8) as never), InvalidTypeError);
  assert.throws(() => allocTrailing(calloc, struct('NOARRAY', { n: i64 }), 2), /last field is an array/);
  assert.throws(() => allocTrailing(calloc, PATH_LIST, -1), /count/);
  assert.throws(() => allocTrailing({} as never, PATH_LIST, 1), /Allocator/);
  const arena = new Arena();
  arena.releaseAll();
  assert.throws(() => allocTrailing(arena, PATH_LIST, 1), /released/);
});
