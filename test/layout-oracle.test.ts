// The C compiler is the oracle for layout: random struct and union definitions are generated,
// compiled with gcc, and every sizeof, _Alignof and offsetof must equal ffi-arena's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import koffi from 'koffi';
import {
  type AnyType,
  alignOf,
  array,
  bool,
  f32,
  f64,
  isize,
  offsetOf,
  pointerTo,
  type SizedType,
  type StructType,
  sizeOf,
  struct,
  toKoffi,
  union,
  usize,
  voidPtr,
} from '../src/index.js';
import { FIXED_WIDTH_INTEGERS } from './support/c-integers.js';
import { compileAndRun } from './support/gcc.js';
import { Random, seedFromEnvironment } from './support/random.js';

const C_NAMES = new Map<AnyType, string>([
  ...FIXED_WIDTH_INTEGERS,
  [f32, 'float'],
  [f64, 'double'],
  [bool, '_Bool'],
  [usize, 'size_t'],
  [isize, 'ptrdiff_t'],
]);
const PRIMITIVES = [...C_NAMES.keys()] as SizedType[];
const PACKS = [undefined, undefined, 1, 2, 4] as const;

/** Generates random definitions and the C source that declares them in the same order. */
class Generator {
  readonly definitions: StructType[] = [];
  private readonly declarations: string[] = [];

  constructor(private readonly random: Random) {}

  composite(depth: number): StructType {
    const kind = this.random.next() < 0.25 ? 'union' : 'struct';
    const fieldCount = this.random.int(1, 7);
    const fields: [string, SizedType][] = [];
    for (let i = 0; i < fieldCount; i++) fields.push([`f${i}`, this.fieldType(depth)]);
    const pack = this.random.pick(PACKS);
    const name = `T${this.definitions.length}`;
    const type = (kind === 'union' ? union : struct)(name, fields, pack === undefined ? {} : { pack });
    const body = fields
      .map(([fieldName, fieldType]) => `  ${this.declarator(fieldType, fieldName)};`)
      .join('\n');
    const declaration = `typedef ${kind} ${name} {\n${body}\n} ${name};`;
    this.declarations.push(
      pack === undefined ? declaration : `#pragma pack(push, ${pack})\n${declaration}\n#pragma pack(pop)`,
    );
    this.definitions.push(type);
    return type;
  }

  private fieldType(depth: number): SizedType {
    const roll = this.random.next();
    if (roll < 0.12 && depth < 3) return this.composite(depth + 1);
    if (roll < 0.22) return array(this.elementType(depth), this.random.int(1, 5));
    if (roll < 0.27) return this.random.next() < 0.5 ? voidPtr : pointerTo(this.random.pick(PRIMITIVES));
    return this.random.pick(PRIMITIVES);
  }

  private elementType(depth: number): SizedType {
    const roll = this.random.next();
    if (roll < 0.15 && depth < 3) return this.composite(depth + 1);
    if (roll < 0.25) return array(this.random.pick(PRIMITIVES), this.random.int(1, 3));
    return this.random.pick(PRIMITIVES);
  }

  private declarator(type: SizedType, name: string): string {
    let dims = '';
    let base: AnyType = type;
    while (base.kind === 'array') {
      dims += `[${base.length}]`;
      base = base.element;
    }
    if (base.kind === 'pointer') return `void *${name}${dims}`;
    const cName = base.kind === 'primitive' ? C_NAMES.get(base) : base.name;
    return `${cName} ${name}${dims}`;
  }

  cSource(): string {
    const prints = this.definitions.map((t) => {
      const offsets = t.fields.map((f) => `printf(" %zu", offsetof(${t.name}, ${f.name}));`).join(' ');
      return `  printf("${t.name} %zu %zu", sizeof(${t.name}), _Alignof(${t.name})); ${offsets} printf("\\n");`;
    });
    return [
      '#include <stddef.h>',
      '#include <stdint.h>',
      '#include <stdio.h>',
      ...this.declarations,
      'int main(void) {',
      ...prints,
      '  return 0;',
      '}',
    ].join('\n');
  }
}

// gcc compiles and runs the generated C here and now; under Windows (the Wine lane) there is no
// gcc to run, and the Win32 structs are checked against mingw by win32/layout.test instead.
const onWindows = process.platform === 'win32';
const seed = seedFromEnvironment(20261124);
const generator = new Generator(new Random(seed));
while (generator.definitions.length < 320) generator.composite(0);
const gccOnly = { skip: onWindows && 'needs gcc on the host; Win32 structs: win32/layout.test (mingw)' };
const compiled = new Map(
  (onWindows ? '' : compileAndRun('layout', generator.cSource()))
    .trim()
    .split('\n')
    .map((line) => {
      const [name, ...numbers] = line.split(' ');
      return [name, numbers.map(Number)] as const;
    }),
);

test(`at least 300 random definitions were generated and compiled (seed ${seed})`, gccOnly, () => {
  assert.ok(generator.definitions.length >= 300);
  assert.equal(compiled.size, generator.definitions.length);
  const packs = new Set(generator.definitions.map((d) => d.pack));
  for (const pack of [undefined, 1, 2, 4]) assert.ok(packs.has(pack as never), `pack ${pack} is covered`);
  assert.ok(generator.definitions.some((d) => d.kind === 'union'));
  assert.ok(generator.definitions.some((d) => d.fields.some((f) => f.type.kind === 'array')));
  assert.ok(generator.definitions.some((d) => d.fields.some((f) => f.type.kind === 'struct')));
});

test(`sizeof, _Alignof and every offsetof match gcc for every definition (seed ${seed})`, gccOnly, () => {
  for (const type of generator.definitions) {
    const [size, align, ...offsets] = compiled.get(type.name)!;
    const context = `${type.name} (seed ${seed})`;
    assert.equal(sizeOf(type), size, `sizeof ${context}`);
    assert.equal(alignOf(type), align, `_Alignof ${context}`);
    type.fields.forEach((field, i) => {
      assert.equal(offsetOf(type, field.name), offsets[i], `offsetof(${context}, ${field.name})`);
    });
  }
});

test(`toKoffi gives koffi types with the same size and alignment (seed ${seed})`, () => {
  for (const type of generator.definitions) {
    const koffiType = toKoffi(type);
    assert.equal(koffi.sizeof(koffiType), sizeOf(type), `koffi sizeof ${type.name}`);
    assert.equal(koffi.alignof(koffiType), alignOf(type), `koffi alignof ${type.name}`);
  }
});
