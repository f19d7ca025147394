// const pointer parameters against a C library built for this platform: a `const S *` takes an
// object or a view and a `const void *` / `const uint8_t *` a Uint8Array, copied into a call
// temporary that is gone when the call returns; non-const ones, which the callee writes through,
// refuse values before any native code runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  array,
  callbackType,
  calloc,
  cType,
  free,
  i32,
  library,
  Pointer,
  pointerTo,
  readBytes,
  struct,
  u8,
  union,
  using,
} from '../../src/index.js';
import { heapBaseline } from '../support/heap-baseline.js';
import { C_CALLS_LIBRARY } from './support.js';

const lib = library(C_CALLS_LIBRARY);
const pair = struct('pair', { key: i32, value: cType('double') });
const record = struct('record', {
  id: cType('int64_t'),
  name: pointerTo(cType('char')),
  flags: array(cType('uint8_t'), 4),
  count: cType('uint32_t'),
});
const number = union('number', { i: cType('int32_t'), d: cType('double') });
const types = { types: { pair, record, number } };

const pair_total = lib.func('double pair_total(const struct pair *p)', types);
const record_weight_at = lib.func('size_t record_weight_at(const struct record *r)', types);
const number_as_double = lib.func('double number_as_double(const union number *n)', types);
const bytes_checksum = lib.func('uint32_t bytes_checksum(const void *bytes, size_t n)');
const u8_checksum = lib.func('uint32_t u8_checksum(const uint8_t *bytes, size_t n)');
const last_read_address = lib.func('const void *last_read_address(void)');
const pair_scale = lib.func('void pair_scale(struct pair *p, int factor)', types);
const bytes_fill = lib.func('void bytes_fill(void *bytes, size_t n, int value)');

/** FNV-1a, as bytes_checksum computes it. */
function fnv1a(bytes: Uint8Array): number {
  let hash = 2166136261;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  return hash;
}

/** The bytes C last read, looked at after the call: a released copy's block is zeroed. */
function lastReadBytes(length: number): Uint8Array {
  return readBytes(Pointer.fromAddress(last_read_address().address, u8, length));
}

test('a const struct pointer takes an object with its fields, missing ones zero', () => {
  assert.equal(pair_total({ key: 2, value: 0.25 }), 2.25);
  assert.equal(pair_total({ value: 0.5 }), 0.5);
  assert.equal(pair_total({}), 0);
});

test('a const struct pointer takes a view, copied byte for byte', () => {
  using((arena) => {
    const p = arena.alloc(pair);
    p.value = { key: 7, value: 0.5 };
    assert.equal(pair_total(p.ref), 7.5);
    assert.notEqual(last_read_address().address, p.address, 'C read a copy, not the view’s memory');
  });
});

test('a const struct pointer still takes a live Pointer, NULL and an address, passed as they are', () => {
  using((arena) => {
    const p = arena.alloc(pair);
    p.value = { key: 1, value: 0.5 };
    assert.equal(pair_total(p), 1.5);
    assert.equal(last_read_address().address, p.address);
    assert.equal(pair_total(p.address), 1.5);
  });
});

test('fields of a copied struct are checked and converted as a struct by value’s: strings, arrays, 64-bit', () => {
  assert.equal(record_weight_at({ id: 10n, name: 'hello', flags: [1, 0, 0, 4], count: 2 }), 22n);
  assert.throws(() => record_weight_at({ count: -1 }), { code: 'ERR_INVALID_VALUE', message: /count/ });
  assert.throws(() => record_weight_at({ flags: [1, 2, 3, 4, 5] }), {
    code: 'ERR_INVALID_VALUE',
    message: /flags holds 4 elements; got 5/,
  });
});

test('a const union pointer takes an object with one member', () => {
  assert.equal(number_as_double({ d: 2.5 }), 2.5);
});

test('the copy lives for the call only: its memory is zeroed and handed back when the call returns', () => {
  assert.equal(pair_total({ key: 3, value: 0.5 }), 3.5);
  assert.deepEqual([...lastReadBytes(16)], new Array(16).fill(0));
  const bytes = Uint8Array.from({ length: 64 }, (_, i) => i + 1);
  assert.equal(bytes_checksum(bytes, bytes.length), fnv1a(bytes));
  assert.deepEqual([...lastReadBytes(64)], new Array(64).fill(0));
});

test('a const void pointer takes a Uint8Array (a Buffer too), whose bytes C reads', () => {
  const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff);
  assert.equal(bytes_checksum(bytes, bytes.length), fnv1a(bytes));
  const buffer = Buffer.from('bytes from a Buffer');
  assert.equal(bytes_checksum(buffer, buffer.length), fnv1a(buffer));
  const middle = bytes.subarray(10, 20);
  assert.equal(bytes_checksum(middle, middle.length), fnv1a(middle), 'a subarray is its own bytes');
  assert.equal(bytes_checksum(new Uint8Array(0), 0), fnv1a(new Uint8Array(0)));
});

test('a const uint8_t pointer takes a Uint8Array too, and still a string', () => {
  const bytes = Uint8Array.of(0, 1, 2, 250, 255);
  assert.equal(u8_checksum(bytes, bytes.length), fnv1a(bytes));
  assert.equal(u8_checksum('abc', 3), fnv1a(new TextEncoder().encode('abc')));
});

test('other ArrayBufferViews are refused: their length counts elements, not bytes', () => {
  // @ts-expect-error: a const void * takes bytes as a Uint8Array.
  assert.throws(() => bytes_checksum(new Int32Array(4), 16), {
    code: 'ERR_INVALID_VALUE',
    message: /bytes_checksum argument 1 \(bytes\) takes bytes as a Uint8Array.*new Uint8Array\(view.buffer/,
  });
  // @ts-expect-error: an ArrayBuffer is not a view.
  assert.throws(() => bytes_checksum(new ArrayBuffer(4), 4), { code: 'ERR_INVALID_VALUE' });
});

test('a non-const struct pointer refuses an object: the callee writes through it', () => {
  // @ts-expect-error: struct pair * (non-const) takes a Pointer.
  assert.throws(() => pair_scale({ key: 1, value: 2 }, 3), {
    code: 'ERR_INVALID_VALUE',
    message:
      /pair_scale argument 1 \(p\) is declared pair\* without const: the callee writes through it.*arena\.alloc\(pair\)/,
  });
  using((arena) => {
    const p = arena.alloc(pair);
    // @ts-expect-error: nor a view.
    assert.throws(() => pair_scale(p.ref, 3), { code: 'ERR_INVALID_VALUE', message: /without const/ });
  });
});

test('a non-const void pointer refuses a Uint8Array, and nothing native runs', () => {
  const bytes = new Uint8Array(8);
  // @ts-expect-error: void * (non-const) takes a Pointer.
  assert.throws(() => bytes_fill(bytes, 8, 0xff), {
    code: 'ERR_INVALID_VALUE',
    message: /bytes_fill argument 1 \(bytes\) is declared void\* without const.*arena\.alloc\(u8, n\)/,
  });
  assert.deepEqual([...bytes], new Array(8).fill(0));
  using((arena) => {
    const memory = arena.alloc(u8, 8);
    bytes_fill(memory, 8, 0xab);
    assert.deepEqual([...readBytes(memory)], new Array(8).fill(0xab));
  });
});

test('a wrong value for a const pointer says what it takes', () => {
  // @ts-expect-error: a number is no struct pair value.
  assert.throws(() => pair_total(5), {
    code: 'ERR_INVALID_VALUE',
    message: /an object with the fields of pair or a view of one \(copied for the call\)/,
  });
  // @ts-expect-error: an array is not an object of fields.
  assert.throws(() => pair_total([1, 2]), { code: 'ERR_INVALID_VALUE' });
  const freed = calloc.alloc(pair);
  free(freed);
  assert.throws(() => pair_total(freed), { code: 'ERR_USE_AFTER_FREE' });
});

test('copies are freed after many calls, and when a later argument throws', () => {
  // 200 MiB at stake if every copy leaked (100 MiB if only the throwing calls' did); a runtime's
  // own allocations move the C heap by a megabyte or so (Deno's: 1.2 MB in one run).
  const checkHeap = heapBaseline(8 * 1024 * 1024);
  const big = new Uint8Array(1024 * 1024).fill(3); // past an arena block: the backing allocator's
  const expected = fnv1a(big);
  for (let i = 0; i < 100; i++) assert.equal(bytes_checksum(big, big.length), expected);
  for (let i = 0; i < 100; i++) {
    // @ts-expect-error: size_t takes no string; the copy of argument 1 was made before that.
    assert.throws(() => bytes_checksum(big, 'x'), { code: 'ERR_INVALID_VALUE' });
  }
  checkHeap('200 calls with a 1 MiB copy');
});

const IntFn = callbackType('int IntFn(int v)');
const handler = struct('handler', { id: i32, fn: IntFn });
const call_handler = lib.func('int call_handler(const struct handler *h, int v)', { types: { handler } });

test('a copied struct takes a registered callback for a callback field, not a function', () => {
  using((arena) => {
    const square = arena.callback(IntFn, (v) => v * v);
    assert.equal(call_handler({ id: 1000, fn: square }, 12), 1144);
  });
  // A function would be a transient callback, which lives for a call: a copy is no call's argument.
  assert.throws(() => call_handler({ id: 1, fn: (v: number) => v }, 2), {
    code: 'ERR_INVALID_VALUE',
    message: /\(h\)\.fn is a callback field of a struct copied for the call: pass a registered Callback/,
  });
});

test('a callback may call the same function with its own copy: each call frees only its own', () => {
  using((arena) => {
    const inner = arena.callback(IntFn, (v) => v + 1);
    const outer = arena.callback(IntFn, (v) => call_handler({ id: 100, fn: inner }, v) * 2);
    // outer copy: { 1000, outer }; inside, a second copy { 100, inner } is made and freed.
    assert.equal(call_handler({ id: 1000, fn: outer }, 5), (5 + 1 + 100) * 2 + 1000);
    assert.deepEqual([...lastReadBytes(16)], new Array(16).fill(0), 'the outer copy is freed too');
  });
});
