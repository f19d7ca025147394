// Bit-fields against gcc: random structs and unions mixing bit-fields of every integer type with
// plain fields. gcc fills each field with a random value and prints the bytes; ffi-arena must lay
// the struct out the same (sizeof, _Alignof), write the same bytes and read the same values back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import koffi from 'koffi';
import {
  alignOf,
  bits,
  InvalidTypeError,
  InvalidValueError,
  i8,
  i16,
  i32,
  i64,
  library,
  type PrimitiveType,
  pointerTo,
  readBytes,
  sizeOf,
  struct,
  toKoffi,
  u8,
  u16,
  u32,
  u64,
  union,
  using,
  writeBytes,
} from '../src/index.js';
import { cInteger, randomInteger } from './support/c-integers.js';
import { compileAndRun } from './support/gcc.js';
import { Random, seedFromEnvironment } from './support/random.js';

const onWindows = process.platform === 'win32';
const gccOnly = { skip: onWindows && 'needs gcc on the host' };
/** The System V layout, named so that these run on Windows too (whose default is Microsoft's). */
const SYSTEM_V = { bitFieldLayout: 'system-v' } as const;

const INTEGERS: readonly [PrimitiveType, string][] = [
  [u8, 'uint8_t'],
  [i8, 'int8_t'],
  [u16, 'uint16_t'],
  [i16, 'int16_t'],
  [u32, 'uint32_t'],
  [i32, 'int32_t'],
  [u64, 'uint64_t'],
  [i64, 'int64_t'],
];

interface Member {
  readonly name: string;
  readonly cName: string;
  readonly width: number | undefined;
  readonly signed: boolean;
  readonly bitsWide: number;
  readonly value: bigint;
}

const seed = seedFromEnvironment(20261129);
const random = new Random(seed);
const definitions = Array.from({ length: onWindows ? 0 : 300 }, (_, index) => {
  const members: Member[] = [];
  const count = random.int(1, 8);
  const kind = random.next() < 0.15 ? 'union' : 'struct';
  for (let i = 0; i < count; i++) {
    const [type, cName] = random.pick(INTEGERS);
    const isBitField = random.next() < 0.75;
    // Zero-width bit-fields (unnamed in C) never first: C needs a named member.
    const zero = isBitField && i > 0 && random.next() < 0.15;
    const width = !isBitField ? undefined : zero ? 0 : random.int(1, type.size * 8);
    const signed = type.name.startsWith('i');
    const bitsWide = width ?? type.size * 8;
    members.push({
      name: `f${i}`,
      cName,
      width,
      signed,
      bitsWide,
      value: bitsWide === 0 ? 0n : randomInteger(random, bitsWide, signed),
    });
  }
  const fields = members.map((m) => {
    const type = INTEGERS.find(([, c]) => c === m.cName)![0] as PrimitiveType<'u8'>;
    return [m.name, m.width === undefined ? type : bits(type, m.width)] as const;
  });
  const type = (kind === 'union' ? union : struct)(`BF${index}`, fields, SYSTEM_V);
  // In a union every member overlaps: only the last one written keeps its value.
  const named = members.filter((m) => m.width !== 0);
  const written = kind === 'union' ? named.slice(-1) : named;
  return { type, kind, members, written };
});

const C_SOURCE = `
#include <stdint.h>
#include <stdio.h>
#include <string.h>
${definitions
  .map(
    ({ type, kind, members }) =>
      `typedef ${kind} ${type.name} { ${members.map((m) => (m.width === 0 ? `${m.cName} : 0;` : `${m.cName} ${m.name}${m.width === undefined ? '' : ` : ${m.width}`};`)).join(' ')} } ${type.name};`,
  )
  .join('\n')}
static void bytes(const char *name, size_t size, size_t align, const void *p) {
  printf("%s %zu %zu", name, size, align);
  for (size_t i = 0; i < size; i++) printf(" %u", ((const unsigned char *)p)[i]);
  printf("\\n");
}
int main(void) {
${definitions
  .map(({ type, written }) =>
    [
      `  { ${type.name} s; memset(&s, 0, sizeof s);`,
      ...written.map(
        (m) => `    s.${m.name} = ${cInteger(m.value, m.cName.endsWith('64_t') ? 64 : 32, m.signed)};`,
      ),
      `    bytes("${type.name}", sizeof s, _Alignof(${type.name}), &s); }`,
    ].join('\n'),
  )
  .join('\n')}
  return 0;
}`;

/** The value as the field reads: a bigint for 64-bit types, else a number. */
function asRead(member: Member, value: bigint): number | bigint {
  return member.cName.endsWith('64_t') ? value : Number(value);
}

test(
  `random bit-field structs and unions have gcc's size, alignment and bytes, both ways (seed ${seed})`,
  gccOnly,
  () => {
    const lines = compileAndRun('bit-fields', C_SOURCE).trim().split('\n');
    assert.equal(lines.length, definitions.length);
    assert.ok(
      definitions.some((d) => d.members.some((m) => m.width !== undefined && m.cName.endsWith('64_t'))),
    );
    assert.ok(definitions.some((d) => d.kind === 'union'));
    assert.ok(
      definitions.some((d) => d.members.some((m) => m.width === 0)),
      'zero-width bit-fields too',
    );
    using((arena) => {
      definitions.forEach(({ type, written }, index) => {
        const [name, size, align, ...cBytes] = lines[index]!.split(' ');
        const context = `${name} (seed ${seed})`;
        assert.equal(sizeOf(type), Number(size), `sizeof ${context}`);
        assert.equal(alignOf(type), Number(align), `_Alignof ${context}`);
        assert.equal(koffi.sizeof(toKoffi(type)), Number(size), `koffi sizeof ${context}`);
        const ours = arena.alloc(type);
        const ref = ours.ref as Record<string, number | bigint>;
        for (const m of written) ref[m.name] = asRead(m, m.value);
        assert.deepEqual(Array.from(readBytes(ours)), cBytes.map(Number), `bytes of ${context}`);
        const theirs = arena.alloc(type);
        writeBytes(theirs, new Uint8Array(cBytes.map(Number)));
        const read = theirs.ref as Record<string, number | bigint>;
        for (const m of written) assert.equal(read[m.name], asRead(m, m.value), `${context}.${m.name}`);
      });
    });
  },
);

const FLAGS = struct(
  'FLAGS',
  { ready: bits(u32, 1), mode: bits(u32, 3), level: bits(i32, 4), next: u8 },
  SYSTEM_V,
);

test('writing one bit-field leaves its neighbours alone', () => {
  using((arena) => {
    const p = arena.alloc(FLAGS);
    p.ref.mode = 7;
    p.ref.level = -8;
    p.ref.ready = 1;
    p.ref.next = 200;
    p.ref.mode = 2;
    assert.deepEqual([p.ref.ready, p.ref.mode, p.ref.level, p.ref.next], [1, 2, -8, 200]);
    p.value = { level: 7 };
    assert.deepEqual([p.ref.ready, p.ref.mode, p.ref.level], [1, 2, 7]);
  });
});

test('a value a bit-field cannot hold is an InvalidValueError and nothing is written', () => {
  using((arena) => {
    const p = arena.alloc(FLAGS);
    p.ref.mode = 5;
    for (const bad of [8, -1, 1.5, '1', 2n]) {
      assert.throws(() => {
        (p.ref as Record<string, unknown>).mode = bad;
      }, InvalidValueError);
    }
    assert.throws(() => {
      p.ref.level = 8;
    }, /from -8 to 7/);
    assert.equal(p.ref.mode, 5);
  });
});

test('a bit-field wider than its type, of a non-integer type, or in a packed struct is an InvalidTypeError', () => {
  assert.throws(() => bits(u8, 9), InvalidTypeError);
  assert.throws(() => bits(u32, 33), /must be 0 to 32 bits wide; got 33/);
  assert.throws(() => bits(u32, -1), InvalidTypeError);
  assert.throws(() => bits(u32, 1.5), InvalidTypeError);
  assert.throws(() => bits(pointerTo(u8) as never, 3), InvalidTypeError);
  assert.throws(() => struct('P', { a: bits(u8, 3) }, { pack: 1 }), /packed/);
});

test('a struct with bit-fields cannot be passed by value to a declared function', () => {
  const libc = library(onWindows ? 'msvcrt.dll' : 'libc.so.6');
  assert.throws(() => libc.func('int abs(struct FLAGS f)', { types: { FLAGS } }), /bit-fields/);
});
