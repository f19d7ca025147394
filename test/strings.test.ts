import assert from 'node:assert/strict';
import { test } from 'node:test';
import koffi from 'koffi';
import {
  calloc,
  free,
  malloc,
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

test('reading stops at maxBytes / maxChars', () => {
  const a = toNativeUtf8('abcdef');
  assert.equal(a.toUtf8String(3), 'abc');
  assert.equal(toUtf8String(a, 2), 'ab');
  const w = toNativeUtf16('abcdef');
  assert.equal(w.toUtf16String(4), 'abcd');
  assert.equal(toUtf16String(w), 'abcdef');
  free(a);
  free(w);
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
