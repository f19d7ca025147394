// Bytes in bulk: writeBytes, readBytes, readBytesInto, fillBytes and copyBytes, checked byte for
// byte against Buffer.compare at every alignment and length up to 4096, and at 1 MiB.
import assert from 'node:assert/strict';
import { randomFillSync } from 'node:crypto';
import { test } from 'node:test';
import {
  Arena,
  calloc,
  copyBytes,
  fillBytes,
  free,
  InvalidArgumentError,
  InvalidSizeError,
  InvalidValueError,
  malloc,
  NULL,
  NullPointerError,
  OutOfBoundsError,
  Pointer,
  readBytes,
  readBytesInto,
  UseAfterFreeError,
  u8,
  u32,
  using,
  writeBytes,
} from '../src/index.js';

const MAX_LENGTH = 4096;
const ALIGNMENTS = 16;

/** Random bytes, so that no copy can pass by accident (zeroed memory, a repeated pattern). */
function randomBytes(length: number): Buffer {
  return randomFillSync(Buffer.alloc(length));
}

test('writeBytes then readBytes gives the same bytes at every alignment and length 0…4096', () => {
  const block = malloc.alloc(u8, MAX_LENGTH + ALIGNMENTS);
  try {
    const source = randomBytes(MAX_LENGTH);
    for (let align = 0; align < ALIGNMENTS; align++) {
      const at = block.at(align);
      for (let length = 0; length <= MAX_LENGTH; length++) {
        const data = source.subarray(align, align + length).subarray(0, length);
        writeBytes(at, data);
        const back = readBytes(at, data.length);
        if (Buffer.compare(Buffer.from(back), data) !== 0)
          assert.fail(`alignment ${align}, length ${length}`);
      }
    }
  } finally {
    free(block);
  }
});

test('readBytesInto and the bytes written land where the pointer says, byte for byte', () => {
  using((arena) => {
    const block = arena.alloc(u8, 64);
    const data = randomBytes(32);
    writeBytes(block.at(5), data);
    for (let i = 0; i < 32; i++) assert.equal(block.get(5 + i), data[i]);
    assert.equal(block.get(4), 0);
    assert.equal(block.get(37), 0);
    const into = Buffer.alloc(32);
    readBytesInto(block.at(5), into);
    assert.equal(Buffer.compare(into, data), 0);
  });
});

test('1 MiB goes into native memory and back out unchanged', () => {
  const size = 1024 * 1024;
  const data = randomBytes(size);
  const block = calloc.alloc(u8, size);
  try {
    writeBytes(block, data);
    assert.equal(Buffer.compare(Buffer.from(readBytes(block)), data), 0);
    const other = calloc.alloc(u8, size);
    copyBytes(other, block, size);
    assert.equal(Buffer.compare(Buffer.from(readBytes(other)), data), 0);
    free(other);
  } finally {
    free(block);
  }
});

test('any ArrayBufferView or ArrayBuffer is a source: its own bytes, from its own offset', () => {
  using((arena) => {
    const p = arena.alloc(u8, 16);
    const words = new Uint32Array([0x04030201, 0x08070605]);
    writeBytes(p, words);
    assert.equal(p.cast(u32).get(1), 0x08070605);
    writeBytes(p, words.subarray(1));
    assert.deepEqual(Array.from(readBytes(p, 4)), [5, 6, 7, 8]);
    writeBytes(p, new DataView(new Uint8Array([9, 10, 11]).buffer, 1, 2));
    assert.deepEqual(Array.from(readBytes(p, 2)), [10, 11]);
    writeBytes(p, new Uint8Array([12, 13]).buffer);
    assert.deepEqual(Array.from(readBytes(p, 2)), [12, 13]);
  });
});

test('readBytes returns a copy that does not change when the memory does, and survives the free', () => {
  const p = calloc.alloc(u8, 4);
  const copy = readBytes(p);
  p.set(0, 99);
  assert.equal(copy[0], 0);
  free(p);
  assert.deepEqual(Array.from(copy), [0, 0, 0, 0]);
});

test('fillBytes sets every byte it is asked to, and no other', () => {
  using((arena) => {
    const p = arena.alloc(u8, 32);
    fillBytes(p.at(8), 0xab, 16);
    assert.deepEqual(Array.from(readBytes(p)), [
      ...Array(8).fill(0),
      ...Array(16).fill(0xab),
      ...Array(8).fill(0),
    ]);
    fillBytes(p, 7);
    assert.ok(readBytes(p).every((b) => b === 7));
  });
});

test('copyBytes between overlapping ranges behaves as memmove, both ways, at every shift', () => {
  using((arena) => {
    const block = arena.alloc(u8, 256);
    for (let shift = -17; shift <= 17; shift++) {
      const data = randomBytes(256);
      writeBytes(block, data);
      const length = 200;
      const from = 20;
      copyBytes(block.at(from + shift), block.at(from), length);
      const expected = Buffer.from(data);
      expected.copy(expected, from + shift, from, from + length); // Buffer.copy is memmove
      assert.equal(Buffer.compare(Buffer.from(readBytes(block)), expected), 0, `shift ${shift}`);
    }
  });
});

test('a copy longer than either side is an OutOfBoundsError and copies nothing', () => {
  using((arena) => {
    const small = arena.alloc(u8, 4);
    const large = arena.alloc(u8, 8);
    writeBytes(large, randomBytes(8));
    assert.throws(() => writeBytes(small, new Uint8Array(5)), OutOfBoundsError);
    assert.throws(() => readBytes(small, 5), OutOfBoundsError);
    assert.throws(() => readBytesInto(small, new Uint8Array(5)), OutOfBoundsError);
    assert.throws(() => fillBytes(small, 1, 5), OutOfBoundsError);
    assert.throws(() => copyBytes(small, large, 8), /destination/);
    assert.throws(() => copyBytes(large, small, 8), /source/);
    assert.deepEqual(Array.from(readBytes(small)), [0, 0, 0, 0]);
  });
});

test('foreign memory is bounded by the extent it was given: cast(u8, n) widens it', () => {
  using((arena) => {
    const p = arena.alloc(u8, 16);
    const foreign = Pointer.fromAddress(p.address, u8);
    assert.throws(() => writeBytes(foreign, new Uint8Array(2)), /cast\(u8, n\)/);
    writeBytes(foreign.cast(u8, 16), new Uint8Array(16).fill(3));
    assert.equal(p.get(15), 3);
  });
});

test('bad sources, lengths and values are typed errors', () => {
  using((arena) => {
    const p = arena.alloc(u8, 4);
    for (const bad of ['abcd', [1, 2], 42, null, undefined, { length: 1 }]) {
      assert.throws(() => writeBytes(p, bad as never), InvalidArgumentError);
      assert.throws(() => readBytesInto(p, bad as never), InvalidArgumentError);
    }
    assert.throws(() => writeBytes({} as never, new Uint8Array(1)), InvalidArgumentError);
    assert.throws(() => readBytes('p' as never), InvalidArgumentError);
    for (const bad of [-1, 1.5, Number.NaN, '2']) {
      assert.throws(() => readBytes(p, bad as never), InvalidSizeError);
      assert.throws(() => copyBytes(p, p, bad as never), InvalidSizeError);
    }
    for (const bad of [256, -1, 1.5, '1']) assert.throws(() => fillBytes(p, bad as never), InvalidValueError);
  });
});

test('copies through freed memory or a released arena are UseAfterFreeErrors; NULL is a NullPointerError', () => {
  const p = calloc.alloc(u8, 8);
  free(p);
  assert.throws(() => writeBytes(p, new Uint8Array(1)), UseAfterFreeError);
  assert.throws(() => readBytes(p), UseAfterFreeError);
  const arena = new Arena();
  const q = arena.alloc(u8, 8);
  arena.releaseAll();
  assert.throws(() => fillBytes(q, 0), UseAfterFreeError);
  assert.throws(() => writeBytes(NULL, new Uint8Array(1)), NullPointerError);
  assert.equal(readBytes(NULL).length, 0);
});
