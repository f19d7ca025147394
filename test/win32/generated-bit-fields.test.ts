// The generated structs and unions with bit-fields (ffi-arena/win32/types, `npm run
// generate:win32`): the fields record() decodes from their text are the ones struct() and union()
// give with bits() and the Microsoft layout, and their views read and write numbers. mingw's own
// layout of them is checked under Wine (generated-api.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bits,
  type CompositeOptions,
  i32,
  type PrimitiveType,
  readBytes,
  StructType,
  struct,
  u32,
  union,
  using,
} from '../../src/index.js';
import * as types from '../../src/win32/generated/types.js';

const MICROSOFT = { bitFieldLayout: 'microsoft' } as const satisfies CompositeOptions;

/** The record as struct() or union() defines it from its decoded fields: bit-fields as bits(T, width). */
function redefine(type: StructType): StructType {
  const fields = type.fields.map(
    ({ name, type: fieldType, bitWidth }) =>
      [name, bitWidth === undefined ? fieldType : bits(fieldType as PrimitiveType<'u32'>, bitWidth)] as const,
  );
  const options: CompositeOptions =
    type.pack === undefined ? MICROSOFT : { ...MICROSOFT, pack: type.pack as CompositeOptions['pack'] };
  return (type.kind === 'union' ? union : struct)(type.name, fields, options);
}

/** A record and the anonymous ones inside it that have bit-fields of their own. */
function withBitFields(type: StructType, into: StructType[] = []): StructType[] {
  if (type.fields.some((field) => field.bitWidth !== undefined)) into.push(type);
  for (const field of type.fields) {
    if (field.type instanceof StructType && !(field.type.name in types)) withBitFields(field.type, into);
  }
  return into;
}

function assertSameLayout(generated: StructType, defined: StructType): void {
  assert.deepEqual(generated.fields, defined.fields, `${generated.name}'s fields`);
  assert.equal(generated.size, defined.size, `${generated.name}'s size`);
  assert.equal(generated.align, defined.align, `${generated.name}'s alignment`);
}

test('COMSTAT decodes to the fields struct() gives it with bits() and the Microsoft layout', () => {
  const flag = bits(u32, 1);
  const COMSTAT = struct(
    'COMSTAT',
    {
      fCtsHold: flag,
      fDsrHold: flag,
      fRlsdHold: flag,
      fXoffHold: flag,
      fXoffSent: flag,
      fEof: flag,
      fTxim: flag,
      fReserved: bits(u32, 25),
      cbInQue: u32,
      cbOutQue: u32,
    },
    MICROSOFT,
  );
  assertSameLayout(types.COMSTAT, COMSTAT);
});

test('IMAGE_ARCHITECTURE_HEADER decodes to what struct() gives: DWORD and int bit-fields share one unit', () => {
  const IMAGE_ARCHITECTURE_HEADER = struct(
    'IMAGE_ARCHITECTURE_HEADER',
    {
      AmaskValue: bits(u32, 1),
      Adummy1: bits(i32, 7),
      AmaskShift: bits(u32, 8),
      Adummy2: bits(i32, 16),
      FirstEntryRVA: u32,
    },
    MICROSOFT,
  );
  assertSameLayout(types.IMAGE_ARCHITECTURE_HEADER, IMAGE_ARCHITECTURE_HEADER);
  assert.deepEqual(
    types.IMAGE_ARCHITECTURE_HEADER.fields.map((field) => [field.offset, field.bitOffset]),
    [
      [0, 0],
      [0, 1],
      [0, 8],
      [0, 16],
      [4, undefined],
    ],
  );
});

test('every generated record with bit-fields, anonymous ones inside included, decodes to what struct() gives', () => {
  const checked = (Object.values(types) as unknown[])
    .filter((value): value is StructType => value instanceof StructType)
    .flatMap((type) => withBitFields(type));
  for (const type of checked) assertSameLayout(type, redefine(type));
  assert.ok(checked.length >= 25, `records with bit-fields: ${checked.length}`);
});

test('a generated bit-field reads and writes a number, and only its own bits', () => {
  using((arena) => {
    const dcb = arena.alloc(types.DCB);
    dcb.ref.fBinary = 1;
    dcb.ref.fDtrControl = 2; // DTR_CONTROL_HANDSHAKE
    dcb.ref.fDummy2 = 0x1ffff;
    const binary: number = dcb.ref.fBinary;
    assert.equal(binary, 1);
    assert.equal(dcb.ref.fDtrControl, 2);
    assert.equal(dcb.ref.fParity, 0);
    // DCBlength and BaudRate, then the unit: bit 0, bits 4-5, bits 15-31.
    assert.deepEqual(
      Array.from(readBytes(dcb).subarray(0, 12)),
      [0, 0, 0, 0, 0, 0, 0, 0, 0x21, 0x80, 0xff, 0xff],
    );
  });
});
