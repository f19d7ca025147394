// gcc as the oracle for the struct shapes real headers use beyond plain fields: structs that point
// to themselves or to each other, and big-endian (network order) fields, whose bytes gcc lays out
// with __attribute__((scalar_storage_order("big-endian"))).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import koffi from 'koffi';
import {
  alignOf,
  i8,
  i16be,
  i32,
  i32be,
  i64be,
  offsetOf,
  type PrimitiveType,
  pointerTo,
  readBytes,
  type StructType,
  sizeOf,
  struct,
  toKoffi,
  u8,
  u16,
  u16be,
  u32be,
  u64be,
  using,
  writeBytes,
} from '../src/index.js';
import { cInteger, randomInteger } from './support/c-integers.js';
import { compileAndRun } from './support/gcc.js';
import { Random, seedFromEnvironment } from './support/random.js';

const onWindows = process.platform === 'win32';
const gccOnly = { skip: onWindows && 'needs gcc on the host' };

/** `name size align offset…` lines from C, by name. */
function layouts(output: string): Map<string, number[]> {
  return new Map(
    output
      .trim()
      .split('\n')
      .map((line) => {
        const [name, ...numbers] = line.split(' ');
        return [name!, numbers.map(Number)] as const;
      }),
  );
}

function layoutPrint(type: StructType, cName = type.name): string {
  const offsets = type.fields.map((f) => `printf(" %zu", offsetof(${cName}, ${f.name}));`).join(' ');
  return `printf("${type.name} %zu %zu", sizeof(${cName}), _Alignof(${cName})); ${offsets} printf("\\n");`;
}

function assertLayout(type: StructType, expected: number[] | undefined): void {
  assert.ok(expected, `gcc printed ${type.name}`);
  const [size, align, ...offsets] = expected;
  assert.equal(sizeOf(type), size, `sizeof ${type.name}`);
  assert.equal(alignOf(type), align, `_Alignof ${type.name}`);
  type.fields.forEach((f, i) => {
    assert.equal(offsetOf(type, f.name as never), offsets[i], `${type.name}.${f.name}`);
  });
  assert.equal(koffi.sizeof(toKoffi(type)), size, `koffi sizeof ${type.name}`);
}

// --- Self-referential and mutually referential structs -----------------------------------------

const addrinfo = struct('addrinfo', {
  ai_flags: i32,
  ai_family: i32,
  ai_socktype: i32,
  ai_protocol: i32,
  ai_addrlen: u32be,
  ai_addr: pointerTo(u8),
  ai_canonname: pointerTo(i8),
  ai_next: pointerTo('addrinfo'),
});
const tree = struct('tree', { left: pointerTo('tree'), value: u16, right: pointerTo('tree') });
const A: StructType = struct('A', { tag: u8, b: pointerTo((): StructType => B), self: pointerTo('A') });
const B = struct('B', { a: pointerTo(A), count: i32 });

const SELF_C = `
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
struct addrinfo { int ai_flags, ai_family, ai_socktype, ai_protocol; uint32_t ai_addrlen;
  uint8_t *ai_addr; char *ai_canonname; struct addrinfo *ai_next; };
struct tree { struct tree *left; uint16_t value; struct tree *right; };
struct B;
struct A { uint8_t tag; struct B *b; struct A *self; };
struct B { struct A *a; int32_t count; };
int main(void) {
  ${[addrinfo, tree, A, B].map((t) => layoutPrint(t, `struct ${t.name}`)).join('\n  ')}
  return 0;
}`;

test('self-referential and mutually referential structs have gcc’s layout', gccOnly, () => {
  const compiled = layouts(compileAndRun('self-referential', SELF_C));
  for (const type of [addrinfo, tree, A, B]) assertLayout(type, compiled.get(type.name));
});

test('pointerTo(name) is bound to the struct that holds it, and pointerTo(() => T) to T', () => {
  assert.equal(
    addrinfo.field('ai_next')!.type.kind === 'pointer' &&
      (addrinfo.field('ai_next')!.type as never as { target: unknown }).target,
    addrinfo,
  );
  assert.equal((A.field('b')!.type as never as { target: unknown }).target, B);
  assert.equal((A.field('self')!.type as never as { target: unknown }).target, A);
  assert.equal(String(addrinfo.field('ai_next')!.type.name), 'addrinfo*');
});

test('a linked list of a self-referential struct is walked through its typed next pointers', () => {
  using((arena) => {
    const nodes = [1, 2, 3].map((value) => {
      const node = arena.alloc(tree);
      node.ref.value = value;
      return node;
    });
    nodes[0]!.ref.right = nodes[1]!;
    nodes[1]!.ref.right = nodes[2]!;
    const seen: number[] = [];
    for (let p = nodes[0]!; !p.isNull; p = p.ref.right) seen.push(p.ref.value);
    assert.deepEqual(seen, [1, 2, 3]);
  });
});

// --- Big-endian fields -------------------------------------------------------------------------

const BIG_ENDIAN: readonly [PrimitiveType, string, number][] = [
  [u16be, 'uint16_t', 16],
  [i16be, 'int16_t', -16],
  [u32be, 'uint32_t', 32],
  [i32be, 'int32_t', -32],
  [u64be, 'uint64_t', 64],
  [i64be, 'int64_t', -64],
  [u8, 'uint8_t', 8],
];

const seed = seedFromEnvironment(20261129);
const random = new Random(seed);
const bigEndianStructs = Array.from({ length: 40 }, (_, index) => {
  const fields = Array.from({ length: random.int(1, 6) }, (_, i) => {
    const [type, cName, bits] = random.pick(BIG_ENDIAN);
    return { name: `f${i}`, type, cName, bits, value: randomInteger(random, Math.abs(bits), bits < 0) };
  });
  const type = struct(
    `BE${index}`,
    fields.map((f) => [f.name, f.type] as const),
  );
  return { type, fields };
});

// The pragma: reading the struct's bytes through unsigned char is the point here, not a mistake.
const BIG_ENDIAN_C = `
#pragma GCC diagnostic ignored "-Wscalar-storage-order"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
${bigEndianStructs
  .map(
    ({ type, fields }) =>
      `typedef struct __attribute__((scalar_storage_order("big-endian"))) ${type.name} { ${fields.map((f) => `${f.cName} ${f.name};`).join(' ')} } ${type.name};`,
  )
  .join('\n')}
static void bytes(const char *name, const void *p, size_t n) {
  printf("%s", name);
  for (size_t i = 0; i < n; i++) printf(" %u", ((const unsigned char *)p)[i]);
  printf("\\n");
}
int main(void) {
${bigEndianStructs
  .map(({ type, fields }) =>
    [
      `  { union { ${type.name} s; unsigned char b[sizeof(${type.name})]; } u; memset(&u, 0, sizeof u);`,
      ...fields.map(
        (f) => `    u.s.${f.name} = ${cInteger(f.value, Math.abs(f.bits) === 64 ? 64 : 32, f.bits < 0)};`,
      ),
      `    bytes("${type.name}", u.b, sizeof u.b); ${layoutPrint(type)} }`,
    ].join('\n'),
  )
  .join('\n')}
  return 0;
}`;

test(`big-endian fields have gcc’s layout and bytes, both ways (seed ${seed})`, gccOnly, () => {
  const lines = compileAndRun('big-endian', BIG_ENDIAN_C).trim().split('\n');
  assert.equal(lines.length, bigEndianStructs.length * 2);
  using((arena) => {
    bigEndianStructs.forEach(({ type, fields }, index) => {
      const cBytes = lines[index * 2]!.split(' ').slice(1).map(Number);
      assertLayout(type, lines[index * 2 + 1]!.split(' ').slice(1).map(Number));
      // Written from JavaScript, the bytes are gcc's.
      const ours = arena.alloc(type);
      const ref = ours.ref as Record<string, number | bigint>;
      for (const f of fields) ref[f.name] = Math.abs(f.bits) === 64 ? f.value : Number(f.value);
      assert.deepEqual(Array.from(readBytes(ours)), cBytes, `${type.name} bytes (seed ${seed})`);
      // Written by gcc, the values read back.
      const theirs = arena.alloc(type);
      writeBytes(theirs, new Uint8Array(cBytes));
      const read = theirs.ref as Record<string, number | bigint>;
      for (const f of fields) assert.equal(BigInt(read[f.name]!), f.value, `${type.name}.${f.name}`);
    });
  });
});

test('a big-endian field keeps its range checks', () => {
  using((arena) => {
    const s = arena.alloc(struct('port', { sin_port: u16be }));
    s.ref.sin_port = 8080;
    assert.deepEqual(Array.from(readBytes(s)), [0x1f, 0x90]);
    assert.throws(() => {
      s.ref.sin_port = 65536;
    }, /u16be/);
    assert.throws(() => {
      (s.ref as Record<string, unknown>).sin_port = -1;
    }, /0 to 65535/);
  });
});
