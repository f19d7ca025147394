// Foreign pointers behave like C: a pointer read from a struct field or returned by C has no known
// extent, so cast(T) gives one element and cast(T, n) gives n, and strings run to their NUL (or
// to an optional maximum). Memory this library allocated keeps its bounds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  calloc,
  free,
  InvalidArgumentError,
  InvalidSizeError,
  i32,
  OutOfBoundsError,
  Pointer,
  pointerTo,
  struct,
  toNativeUtf8,
  toNativeUtf16,
  toUtf16String,
  u8,
  u16,
  u64,
  using,
  voidPtr,
  voidType,
} from '../src/index.js';

const HOLDER = struct('HOLDER', { any: voidPtr, text: pointerTo(u8), wide: pointerTo(u16) });

test('cast(T) on a void * read from a struct field gives one element of T', () => {
  using((arena) => {
    const target = arena.alloc(i32, 4);
    target.set(0, 11);
    const holder = arena.alloc(HOLDER);
    holder.ref.any = target.cast(voidType);
    const one = holder.ref.any.cast(i32);
    assert.equal(one.count, 1);
    assert.equal(one.get(0), 11);
    assert.throws(() => one.get(1), OutOfBoundsError);
  });
});

test('cast(T, n) on foreign memory gives n elements, as the caller states', () => {
  using((arena) => {
    const target = arena.alloc(i32, 4);
    target.set(3, 44);
    const foreign = Pointer.fromAddress(target.address, voidType, 1);
    const four = foreign.cast(i32, 4);
    assert.equal(four.count, 4);
    assert.equal(four.get(3), 44);
    assert.equal(Pointer.fromAddress(target.address, u8).cast(u64, 2).byteLength, 16);
  });
});

test('cast past an owned allocation is still an OutOfBoundsError', () => {
  const p = calloc.alloc(u8, 4);
  try {
    assert.throws(() => p.cast(u64), /only 4 bytes are allocated/);
    assert.throws(() => p.cast(i32, 2), OutOfBoundsError);
    assert.equal(p.cast(i32).count, 1);
  } finally {
    free(p);
  }
});

test('a foreign char * reads to its NUL, past the one element its type states', () => {
  using((arena) => {
    const text = toNativeUtf8('hello, world', arena);
    const holder = arena.alloc(HOLDER);
    holder.ref.text = text.cast(u8);
    const foreign = holder.ref.text;
    assert.equal(foreign.count, 1);
    assert.equal(foreign.toUtf8String(), 'hello, world');
    assert.equal(foreign.utf8Length(), 12);
  });
});

test('maxLength stops a string read at that many units when no NUL comes first', () => {
  using((arena) => {
    const text = Pointer.fromAddress(toNativeUtf8('hello, world', arena).address, u8);
    assert.equal(text.toUtf8String({ maxLength: 5 }), 'hello');
    assert.equal(text.toUtf8String({ maxLength: 100 }), 'hello, world');
    assert.equal(text.toUtf8String({ maxLength: 0 }), '');
    const wide = Pointer.fromAddress(toNativeUtf16('wide text', arena).address, u16);
    assert.equal(wide.toUtf16String(), 'wide text');
    assert.equal(wide.toUtf16String({ maxLength: 4 }), 'wide');
    assert.equal(toUtf16String(wide, { maxLength: 50 }), 'wide text');
  });
});

test('a foreign WCHAR * read from a field runs to its NUL', () => {
  using((arena) => {
    const holder = arena.alloc(HOLDER);
    holder.ref.wide = toNativeUtf16('Grüße 😀', arena);
    assert.equal(holder.ref.wide.toUtf16String(), 'Grüße 😀');
  });
});

test('bad string read options are typed errors', () => {
  using((arena) => {
    const text = toNativeUtf8('abc', arena);
    assert.throws(() => text.toUtf8String({ maxLength: -1 }), InvalidSizeError);
    assert.throws(() => text.toUtf8String({ maxLength: 1.5 }), InvalidSizeError);
    assert.throws(() => text.cast(u16).toUtf16String([] as never), InvalidArgumentError);
  });
});
