import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import {
  Arena,
  array,
  calloc,
  free,
  i32,
  i64,
  NULL,
  NullPointerError,
  OutOfBoundsError,
  Pointer,
  pointerTo,
  struct,
  UseAfterFreeError,
  u8,
  u16,
  u32,
  voidType,
} from '../src/index.js';

const POINT = struct('POINT', { x: i32, y: i32 });
const RECT = struct('RECT', { topLeft: POINT, bottomRight: POINT });
const NAMED = struct('NAMED', { id: u32, name: array(u16, 8), origin: pointerTo(POINT) });

/** The bytes of an allocation, as C would see them. */
function bytes(p: Pointer): number[] {
  const view = p.cast(u8);
  return Array.from({ length: view.count }, (_, i) => view.get(i));
}

test('.ref fields read and write native memory in little-endian C layout', () => {
  const p = calloc.alloc(POINT);
  p.ref.x = 0x01020304;
  p.ref.y = -1;
  assert.deepEqual(bytes(p), [4, 3, 2, 1, 255, 255, 255, 255]);
  assert.equal(p.ref.x, 0x01020304);
  free(p);
});

test('every view .ref gives reads and writes the same memory, and all of them fail once it is freed', () => {
  const p = calloc.alloc(POINT);
  const [first, second, third] = [p.ref, p.ref, p.ref];
  first.x = 41;
  assert.equal(second.x, 41);
  second.y = -7;
  assert.equal(first.y, -7);
  third.x = 3;
  assert.equal(first.x, 3);
  free(p);
  assert.throws(() => first.x, UseAfterFreeError);
  assert.throws(() => second.y, UseAfterFreeError);
  assert.throws(() => third.x, UseAfterFreeError);
  assert.throws(() => p.ref, UseAfterFreeError);
});

test('a pointer read through .ref many times keeps one view from its second read on', () => {
  const p = calloc.alloc(POINT);
  const first = p.ref;
  const reads = [p.ref, p.ref, p.ref];
  assert.notEqual(first, reads[0]); // the first view is never kept: it may be elided
  assert.equal(reads[0], reads[1]);
  assert.equal(reads[1], reads[2]);
  free(p);
  assert.throws(() => p.ref, UseAfterFreeError); // a kept view is not handed out once freed
});

test('an arena pointer read through .ref after its arena is released throws, kept view or not', () => {
  const arena = new Arena();
  const once = arena.alloc(POINT);
  const often = arena.alloc(POINT);
  once.ref.x = 1;
  for (let i = 0; i < 3; i++) often.ref.y = i;
  arena.releaseAll();
  assert.throws(() => once.ref, UseAfterFreeError);
  assert.throws(() => often.ref, UseAfterFreeError);
});

test('JSON.stringify of a view gives its fields, read now; of a freed one, UseAfterFreeError', () => {
  const r = calloc.alloc(RECT);
  r.ref.topLeft.x = 1;
  r.ref.bottomRight.y = -2;
  assert.equal(JSON.stringify(r.ref), '{"topLeft":{"x":1,"y":0},"bottomRight":{"x":0,"y":-2}}');
  const grid = calloc.alloc(array(u8, 3));
  grid.ref.set(1, 7);
  assert.equal(JSON.stringify({ grid: grid.ref }), '{"grid":[0,7,0]}');
  free(r);
  free(grid);
  assert.throws(() => JSON.stringify(r.ref), UseAfterFreeError);
});

test('a pointer field takes null for NULL, as a declared T * argument does', () => {
  const p = calloc.alloc(NAMED);
  const origin = calloc.alloc(POINT);
  p.ref.origin = origin;
  assert.equal(p.ref.origin.address, origin.address);
  // A view's field has one type for reading and writing: null is for plain JavaScript and objects.
  (p.ref as { origin: unknown }).origin = null;
  assert.ok(p.ref.origin.isNull);
  p.ref.origin = origin;
  p.value = { origin: null };
  assert.ok(p.ref.origin.isNull);
  free(origin);
  free(p);
});

test('nested struct fields are views into the parent memory', () => {
  const p = calloc.alloc(RECT);
  p.ref.bottomRight.y = 9;
  assert.equal(p.cast(i32).get(3), 9);
  free(p);
});

test('writing an object to a struct writes the fields it names and keeps the others', () => {
  const p = calloc.alloc(POINT);
  p.value = { x: 1, y: 2 };
  p.value = { y: 5 };
  assert.deepEqual([p.ref.x, p.ref.y], [1, 5]);
  free(p);
});

test('writing a struct view copies its bytes', () => {
  const a = calloc.alloc(RECT);
  const b = calloc.alloc(POINT);
  b.value = { x: 7, y: 8 };
  a.ref.topLeft = b.ref;
  assert.deepEqual([a.ref.topLeft.x, a.ref.topLeft.y], [7, 8]);
  free(a);
  free(b);
});

test('inline arrays are bounds-checked views that accept arrays', () => {
  const p = calloc.alloc(NAMED);
  p.value = { name: [72, 105] };
  assert.deepEqual(p.ref.name.toArray(), [72, 105, 0, 0, 0, 0, 0, 0]);
  assert.equal(p.ref.name.length, 8);
  assert.deepEqual([...p.ref.name].slice(0, 2), [72, 105]);
  assert.throws(() => p.ref.name.get(8), OutOfBoundsError);
  free(p);
});

test('get, set and at address elements of a multi-element allocation', () => {
  const p = calloc.alloc(u32, 16);
  p.set(3, 42);
  assert.equal(p.get(3), 42);
  assert.equal(p.at(3).value, 42);
  assert.equal(p.at(3).count, 13);
  assert.equal(p.at(3).address, p.address + 12n);
  assert.equal(p.count, 16);
  assert.equal(p.byteLength, 64);
  free(p);
});

test('struct elements read as views', () => {
  const p = calloc.alloc(POINT, 3);
  p.get(2).x = 11;
  assert.equal(p.at(2).ref.x, 11);
  free(p);
});

test('64-bit fields read as bigint and accept safe integers', () => {
  const p = calloc.alloc(i64);
  p.value = -5;
  assert.equal(p.value, -5n);
  p.value = -(2n ** 63n);
  assert.equal(p.value, -(2n ** 63n));
  free(p);
});

test('cast reinterprets within the allocation and shares its lifetime', () => {
  const p = calloc.alloc(u32, 2);
  const asBytes = p.cast(u8);
  assert.equal(asBytes.count, 8);
  assert.equal(p.cast(u16, 4).count, 4);
  assert.throws(() => p.cast(u8, 9), OutOfBoundsError);
  free(p);
  assert.throws(() => asBytes.get(0), UseAfterFreeError);
});

test('every derived pointer and view throws UseAfterFreeError once the block is freed', () => {
  const p = calloc.alloc(NAMED, 2);
  const derived = {
    at: p.at(1),
    cast: p.cast(u8),
    ref: p.ref,
    nested: p.ref.name,
    element: p.get(1),
  };
  free(p);
  assert.throws(() => derived.at.ref.id, UseAfterFreeError);
  assert.throws(() => derived.cast.get(0), UseAfterFreeError);
  assert.throws(() => derived.ref.id, UseAfterFreeError);
  assert.throws(() => {
    derived.ref.id = 1;
  }, UseAfterFreeError);
  assert.throws(() => derived.nested.get(0), UseAfterFreeError);
  assert.throws(() => derived.element.id, UseAfterFreeError);
  assert.throws(() => p.at(0), UseAfterFreeError);
  assert.throws(() => p.toUtf8String(), UseAfterFreeError);
});

test('a use-after-free message names the field, the block and what freed it', () => {
  const p = calloc.alloc(POINT);
  const ref = p.ref;
  free(p);
  assert.throws(() => ref.y, /cannot access POINT\.y: the 8-byte block at 0x[0-9a-f]+ from calloc was freed/);
});

test('pointer fields read as foreign pointers and take pointers of the declared type', () => {
  const p = calloc.alloc(NAMED);
  const origin = calloc.alloc(POINT);
  origin.ref.x = 3;
  assert.ok(p.ref.origin.isNull);
  p.ref.origin = origin;
  assert.equal(p.ref.origin.address, origin.address);
  assert.equal(p.ref.origin.ref.x, 3);
  const wrongType = calloc.alloc(u32);
  assert.throws(() => {
    p.ref.origin = wrongType as never;
  }, /holds a POINT\*/);
  free(wrongType);
  p.ref.origin = NULL;
  assert.ok(p.ref.origin.isNull);
  free(origin);
  free(p);
});

test('storing a freed pointer into a pointer field throws UseAfterFreeError', () => {
  const p = calloc.alloc(NAMED);
  const origin = calloc.alloc(POINT);
  free(origin);
  assert.throws(() => {
    p.ref.origin = origin;
  }, UseAfterFreeError);
  free(p);
});

test('fromAddress wraps memory that something else allocated', () => {
  const owned = calloc.alloc(u32, 4);
  owned.set(2, 99);
  const foreign = Pointer.fromAddress(owned.address, u32, 4);
  assert.equal(foreign.get(2), 99);
  assert.equal(Pointer.fromAddress(Number(owned.address), u32, 4).get(2), 99);
  free(owned);
});

test('NULL and typed null pointers throw NullPointerError on access', () => {
  assert.ok(NULL.isNull);
  assert.equal(NULL.address, 0n);
  const typed = Pointer.fromAddress(0n, POINT);
  assert.ok(typed.isNull);
  assert.throws(() => typed.get(0), NullPointerError);
  assert.throws(() => typed.ref, NullPointerError);
  assert.throws(() => NULL.toUtf8String(), NullPointerError);
  assert.equal(String(typed), 'Pointer<POINT>(NULL)');
});

test('a void pointer must be cast before it is read', () => {
  const raw = calloc.allocate(16);
  assert.equal(raw.type, voidType);
  assert.equal(raw.byteLength, 16);
  assert.throws(() => raw.get(0), /cast it to a type first/);
  assert.equal(raw.cast(u32).count, 4);
  free(raw);
});

test('.ref is only for structs, unions and arrays', () => {
  const p = calloc.alloc(u32);
  assert.throws(() => (p as unknown as Pointer<typeof POINT>).ref, /use \.value/);
  free(p);
});

test('pointers and views print their type, address and fields', () => {
  const p = calloc.alloc(POINT);
  p.ref.x = 5;
  assert.match(inspect(p), /^Pointer<POINT>\(0x[0-9a-f]{12}, 1 element\)$/);
  assert.equal(inspect(p.ref), 'POINT { x: 5, y: 0 }');
  free(p);
  assert.match(inspect(p), /\[freed\]$/);
});

test('addresses are exact everywhere in the address space, and derived pointers keep them', () => {
  // A pointer's address is its memory view's base plus its offset: check it across regions
  // (0x1000…, below and above 2^31 and 2^32, near 2^47) without touching the memory.
  for (const address of [0x1000n, 0x7fff_fff8n, 0x8000_0008n, 0x1_0000_0010n, 0x7fff_ffff_f000n]) {
    const p = Pointer.fromAddress(address, u32, 2);
    assert.equal(p.address, address);
    assert.equal(p.at(1).address, address + 4n);
    assert.equal(p.cast(u8).address, address);
    assert.equal(p.at(1).cast(u16, 2).address, address + 4n);
    assert.match(String(p), new RegExp(`0x0*${address.toString(16)},`));
  }
  const owned = calloc.alloc(u32, 4);
  assert.equal(owned.at(3).address, owned.address + 12n);
  owned.at(3).value = 7;
  assert.equal(Pointer.fromAddress(owned.address + 12n, u32).value, 7);
  free(owned);
  assert.equal(NULL.address, 0n);
  assert.ok(Pointer.fromAddress(0n, u32).isNull);
});
