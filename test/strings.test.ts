import assert from 'node:assert/strict';
import { test } from 'node:test';
import koffi from 'koffi';
import {
  calloc,
  free,
  InvalidArgumentError,
  InvalidUtf8Error,
  malloc,
  OutOfBoundsError,
  Pointer,
  toNativeUtf8,
  toNativeUtf16,
  toUtf8String,
  toUtf16String,
  u8,
  u16,
} from '../src/index.js';

// The platform's C library is the oracle: glibc, or msvcrt under Windows.
const onWindows = process.platform === 'win32';
const libc = koffi.load(onWindows ? 'msvcrt.dll' : 'libc.so.6');
const strlen = libc.func('size_t strlen(uintptr_t s)') as (s: bigint) => number;
const strdup = libc.func(`uintptr_t ${onWindows ? '_strdup' : 'strdup'}(const char *s)`) as (
  s: string,
) => number;
const libcFree = libc.func('void free(uintptr_t p)') as (p: number) => void;

const SAMPLES = [
  '',
  'hello',
  'héllo wörld',
  '日本語のテキスト',
  'emoji 😀🎉 outside the BMP',
  'tab\tnew\nline',
];

for (const text of SAMPLES) {
  test(`UTF-8 round-trips ${JSON.stringify(text)} and C sees its byte length`, () => {
    const p = toNativeUtf8(text);
    assert.equal(p.toUtf8String(), text);
    assert.equal(strlen(p.address), Buffer.byteLength(text));
    assert.equal(p.count, Buffer.byteLength(text) + 1, 'the count includes the terminator');
    free(p);
  });

  test(`UTF-16 round-trips ${JSON.stringify(text)} and koffi reads the same string`, () => {
    const p = toNativeUtf16(text);
    assert.equal(p.toUtf16String(), text);
    assert.equal(koffi.decode.string16(p.address), text);
    assert.equal(p.count, text.length + 1);
    free(p);
  });
}

test('UTF-16 keeps lone surrogates exactly, as Windows strings may hold them', () => {
  const text = 'a\ud800b\udfffc';
  const p = toNativeUtf16(text);
  assert.deepEqual(
    Array.from({ length: 5 }, (_, i) => p.get(i)),
    [0x61, 0xd800, 0x62, 0xdfff, 0x63],
  );
  assert.equal(p.toUtf16String(), text);
  free(p);
});

test('UTF-8 cannot hold lone surrogates: they become U+FFFD', () => {
  const p = toNativeUtf8('a\ud800b');
  assert.equal(p.toUtf8String(), 'a\ufffdb');
  free(p);
});

test('strings from malloc are terminated too', () => {
  const p = toNativeUtf8('abc', malloc);
  assert.equal(p.get(3), 0);
  assert.equal(strlen(p.address), 3);
  free(p);
});

test('a length reads that many code units; without one, reading stops at the first NUL', () => {
  const a = toNativeUtf8('abcdef');
  assert.equal(a.toUtf8String(3), 'abc');
  assert.equal(toUtf8String(a, 2), 'ab');
  const w = toNativeUtf16('abcdef');
  assert.equal(w.toUtf16String(4), 'abcd');
  assert.equal(toUtf16String(w), 'abcdef');
  free(a);
  free(w);
});

test('toUtf8String(length), as Dart\'s toDartString(length:): "zero-termination is ignored and the result can contain NUL characters"', () => {
  const p = toNativeUtf8('a\0b\0');
  assert.equal(p.toUtf8String(4), 'a\0b\0');
  assert.equal(p.toUtf8String(5), 'a\0b\0\0', 'the terminator too, when asked for');
  assert.equal(p.toUtf8String({ length: 3 }), 'a\0b');
  assert.equal(p.toUtf8String(0), '');
  assert.equal(
    p.toUtf8String(),
    'a',
    '"if length is not provided, … up til but not including the first NUL"',
  );
  assert.throws(
    () => p.toUtf8String(6),
    /cannot read 6 bytes from Pointer<u8>\(0x[0-9a-f]+, 5 elements\): only 5 are there/,
  );
  free(p);
});

test("toUtf16String(length), as Dart's Utf16 toDartString(length:): NUL units are part of the string", () => {
  const p = toNativeUtf16('a\0😀');
  assert.equal(p.toUtf16String(4), 'a\0😀');
  assert.equal(toUtf16String(p, 2), 'a\0');
  assert.equal(p.toUtf16String(0), '');
  assert.equal(p.toUtf16String(), 'a');
  assert.throws(() => p.toUtf16String(6), OutOfBoundsError);
  free(p);
});

test("utf8Length and utf16Length, as Dart's Utf8.length and Utf16.length: the code units up to the first zero code unit", () => {
  for (const text of SAMPLES) {
    const narrow = toNativeUtf8(text);
    const wide = toNativeUtf16(text);
    assert.equal(narrow.utf8Length(), strlen(narrow.address), `strlen of ${JSON.stringify(text)}`);
    assert.equal(wide.utf16Length(), koffi.decode.string16(wide.address).length);
    free(narrow);
    free(wide);
  }
  const embedded = toNativeUtf16('ab\0cd');
  assert.equal(embedded.utf16Length(), 2);
  free(embedded);
  const unterminated = calloc.alloc(u8, 3);
  for (let i = 0; i < 3; i++) unterminated.set(i, 0x41);
  assert.equal(unterminated.utf8Length(), 3, 'no NUL: the end of the allocation, never past it');
  free(unterminated);
});

test('invalid UTF-8 becomes U+FFFD by default; strict decoding throws InvalidUtf8Error where Dart throws a FormatException', () => {
  const bytes = (values: number[]) => {
    const p = calloc.alloc(u8, values.length);
    for (const [i, value] of values.entries()) p.set(i, value);
    return p;
  };
  const malformed = bytes([0x61, 0xe2, 0x28, 0xa1, 0x62]);
  assert.equal(malformed.toUtf8String(), 'a\ufffd(\ufffdb');
  assert.throws(
    () => malformed.toUtf8String({ strict: true }),
    (error: unknown) =>
      error instanceof InvalidUtf8Error &&
      error.code === 'ERR_INVALID_UTF8' &&
      /the 5 bytes at 0x[0-9a-f]+ are not valid UTF-8: decoding fails at byte 2 \(0x28\)/.test(error.message),
  );
  const truncated = bytes([0x61, 0xf0, 0x9f, 0x98]);
  assert.throws(() => toUtf8String(truncated, { strict: true }), /they end inside a multi-byte sequence/);
  assert.equal(truncated.toUtf8String({ length: 1, strict: true }), 'a', 'only the bytes read are checked');
  const valid = toNativeUtf8('\ufeffhé 😀');
  assert.equal(
    valid.toUtf8String({ strict: true }),
    valid.toUtf8String(),
    'valid text reads the same, BOM included',
  );
  assert.throws(() => valid.toUtf8String({ strict: 'yes' } as never), InvalidArgumentError);
  for (const p of [malformed, truncated, valid]) free(p);
});

test('reading an unterminated allocation stops at its end, never past it', () => {
  const p = calloc.alloc(u8, 4);
  for (let i = 0; i < 4; i++) p.set(i, 0x41);
  assert.equal(p.toUtf8String(), 'AAAA');
  const w = calloc.alloc(u16, 2);
  w.set(0, 0x42);
  w.set(1, 0x43);
  assert.equal(w.toUtf16String(), 'BC');
  free(p);
  free(w);
});

test('embedded NULs are copied; C readers stop at the first one', () => {
  const p = toNativeUtf16('a\0b\0\0');
  assert.equal(p.count, 6);
  assert.equal(p.toUtf16String(), 'a');
  assert.equal(p.at(2).toUtf16String(), 'b');
  free(p);
});

test('strings that C allocated read through Pointer.fromAddress', () => {
  const address = strdup('from C ✓');
  const p = Pointer.fromAddress(address, u8);
  assert.equal(p.toUtf8String(), 'from C ✓');
  libcFree(address);
});
