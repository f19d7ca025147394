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
  i32,
  library,
  pointerTo,
  readBytes,
  sizeOf,
  struct,
  toKoffi,
  u8,
  u32,
  using,
  writeBytes,
} from '../src/index.js';
import { cInteger } from './support/c-integers.js';
import { compileAndRun } from './support/gcc.js';
import { Random, seedFromEnvironment } from './support/random.js';
import { asRead, randomBitFieldDefinitions } from './support/random-bit-fields.js';

const onWindows = process.platform === 'win32';
const gccOnly = { skip: onWindows && 'needs gcc on the host' };
/** The System V layout, named so that these run on Windows too (whose default is Microsoft's). */
const SYSTEM_V = { bitFieldLayout: 'system-v' } as const;

const seed = seedFromEnvironment(20261129);
const random = new Random(seed);
const definitions = randomBitFieldDefinitions(random, onWindows ? 0 : 300, {
  prefix: 'BF',
  layout: 'system-v',
  maxMembers: 8,
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
