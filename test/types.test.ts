import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  alignOf,
  array,
  f64,
  i32,
  i64,
  offsetOf,
  pointerTo,
  sizeOf,
  struct,
  toKoffi,
  u8,
  u16,
  u32,
  union,
  voidPtr,
} from '../src/index.js';

const POINT = struct('POINT', { x: i32, y: i32 });
const RECT = struct('RECT', { left: i32, top: i32, right: i32, bottom: i32 });

test('WINDOWPLACEMENT has the layout the Windows headers give it', () => {
  const WINDOWPLACEMENT = struct('WINDOWPLACEMENT', {
    length: u32,
    flags: u32,
    showCmd: u32,
    ptMinPosition: POINT,
    ptMaxPosition: POINT,
    rcNormalPosition: RECT,
  });
  assert.equal(sizeOf(WINDOWPLACEMENT), 44);
  assert.equal(alignOf(WINDOWPLACEMENT), 4);
  assert.equal(offsetOf(WINDOWPLACEMENT, 'rcNormalPosition'), 28);
});

test('fields are padded to their natural alignment and the struct to its largest', () => {
  const MIXED = struct('MIXED', { a: u8, b: f64, c: u16 });
  assert.deepEqual(
    MIXED.fields.map((f) => f.offset),
    [0, 8, 16],
  );
  assert.equal(sizeOf(MIXED), 24);
  assert.equal(alignOf(MIXED), 8);
});

test('pack caps member alignment like #pragma pack', () => {
  const PACKED = struct('PACKED', { a: u8, b: u32 }, { pack: 1 });
  assert.equal(sizeOf(PACKED), 5);
  assert.equal(offsetOf(PACKED, 'b'), 1);
  const PACK2 = struct('PACK2', { a: u8, b: i64 }, { pack: 2 });
  assert.equal(offsetOf(PACK2, 'b'), 2);
  assert.equal(sizeOf(PACK2), 10);
  assert.equal(alignOf(PACK2), 2);
});

test('a union is as large as its largest member, rounded to its alignment', () => {
  const U = union('U', { small: u8, big: array(u8, 5), wide: u32 });
  assert.equal(sizeOf(U), 8);
  assert.equal(alignOf(U), 4);
  assert.ok(U.fields.every((f) => f.offset === 0));
});

test('an inline array is element size times length', () => {
  const path = array(u16, 260);
  assert.equal(sizeOf(path), 520);
  assert.equal(alignOf(path), 2);
  assert.equal(path.name, 'u16[260]');
});

test('pointers are 8 bytes and pointerTo gives one type object per target', () => {
  assert.equal(sizeOf(pointerTo(POINT)), 8);
  assert.equal(sizeOf(voidPtr), 8);
  assert.equal(pointerTo(POINT), pointerTo(POINT));
  assert.equal(pointerTo(POINT).name, 'POINT*');
});

test('fields given as [name, type] pairs keep their order', () => {
  const T = struct('PAIRS', [
    ['z', u8],
    ['a', u32],
  ]);
  assert.deepEqual(
    T.fields.map((f) => [f.name, f.offset]),
    [
      ['z', 0],
      ['a', 4],
    ],
  );
});

test('offsetOf names the fields that exist when asked for one that does not', () => {
  assert.throws(() => offsetOf(POINT, 'z' as never), /POINT has no field "z"; its fields are x, y/);
});

test('toKoffi converts a type once and returns the same koffi type afterwards', () => {
  assert.equal(toKoffi(RECT), toKoffi(RECT));
  const twin = struct('RECT', { left: i32, top: i32, right: i32, bottom: i32 });
  assert.notEqual(toKoffi(twin), toKoffi(RECT)); // same name, both convertible
});
