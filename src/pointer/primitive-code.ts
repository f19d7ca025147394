import { describeValue, InvalidValueError, OutOfBoundsError } from '../errors.js';
import type { PrimitiveKind } from '../types/type.js';

/**
 * The code generated accessors use for each primitive kind: how to read it from a DataView `v`
 * at offset `o`, how to write `x`, and when `x` cannot be written. The value checks that the
 * generated code calls on failure live here too.
 */

interface PrimitiveCode {
  readonly read: string;
  readonly write: string;
  /** True when `x` cannot be written as is; 64-bit kinds then try to widen a safe integer. */
  readonly invalid: string;
}

const INT_RANGES: Record<string, string> = {
  u8: '0 to 255',
  i8: '-128 to 127',
  u16: '0 to 65535',
  i16: '-32768 to 32767',
  u32: '0 to 4294967295',
  i32: '-2147483648 to 2147483647',
  u64: '0n to 18446744073709551615n',
  usize: '0n to 18446744073709551615n',
  i64: '-9223372036854775808n to 9223372036854775807n',
  isize: '-9223372036854775808n to 9223372036854775807n',
  u16be: '0 to 65535',
  i16be: '-32768 to 32767',
  u32be: '0 to 4294967295',
  i32be: '-2147483648 to 2147483647',
  u64be: '0n to 18446744073709551615n',
  i64be: '-9223372036854775808n to 9223372036854775807n',
};

const u64Code = {
  read: 'v.getBigUint64(o, true)',
  write: 'v.setBigUint64(o, x, true)',
  invalid: "typeof x !== 'bigint' || BigInt.asUintN(64, x) !== x",
};
const i64Code = {
  read: 'v.getBigInt64(o, true)',
  write: 'v.setBigInt64(o, x, true)',
  invalid: "typeof x !== 'bigint' || BigInt.asIntN(64, x) !== x",
};

export const PRIMITIVE_CODE: Record<PrimitiveKind, PrimitiveCode> = {
  u8: {
    read: 'v.getUint8(o)',
    write: 'v.setUint8(o, x)',
    invalid: "typeof x !== 'number' || (x & 0xff) !== x",
  },
  i8: {
    read: 'v.getInt8(o)',
    write: 'v.setInt8(o, x)',
    invalid: "typeof x !== 'number' || ((x << 24) >> 24) !== x",
  },
  u16: {
    read: 'v.getUint16(o, true)',
    write: 'v.setUint16(o, x, true)',
    invalid: "typeof x !== 'number' || (x & 0xffff) !== x",
  },
  i16: {
    read: 'v.getInt16(o, true)',
    write: 'v.setInt16(o, x, true)',
    invalid: "typeof x !== 'number' || ((x << 16) >> 16) !== x",
  },
  u32: {
    read: 'v.getUint32(o, true)',
    write: 'v.setUint32(o, x, true)',
    invalid: "typeof x !== 'number' || (x >>> 0) !== x",
  },
  i32: {
    read: 'v.getInt32(o, true)',
    write: 'v.setInt32(o, x, true)',
    invalid: "typeof x !== 'number' || (x | 0) !== x",
  },
  f32: { read: 'v.getFloat32(o, true)', write: 'v.setFloat32(o, x, true)', invalid: "typeof x !== 'number'" },
  f64: { read: 'v.getFloat64(o, true)', write: 'v.setFloat64(o, x, true)', invalid: "typeof x !== 'number'" },
  bool: { read: 'v.getUint8(o) !== 0', write: 'v.setUint8(o, x ? 1 : 0)', invalid: "typeof x !== 'boolean'" },
  u64: u64Code,
  usize: u64Code,
  i64: i64Code,
  isize: i64Code,
  // Big-endian kinds: the same checks, with DataView's default byte order (big-endian).
  u16be: {
    read: 'v.getUint16(o)',
    write: 'v.setUint16(o, x)',
    invalid: "typeof x !== 'number' || (x & 0xffff) !== x",
  },
  i16be: {
    read: 'v.getInt16(o)',
    write: 'v.setInt16(o, x)',
    invalid: "typeof x !== 'number' || ((x << 16) >> 16) !== x",
  },
  u32be: {
    read: 'v.getUint32(o)',
    write: 'v.setUint32(o, x)',
    invalid: "typeof x !== 'number' || (x >>> 0) !== x",
  },
  i32be: {
    read: 'v.getInt32(o)',
    write: 'v.setInt32(o, x)',
    invalid: "typeof x !== 'number' || (x | 0) !== x",
  },
  u64be: { read: 'v.getBigUint64(o)', write: 'v.setBigUint64(o, x)', invalid: u64Code.invalid },
  i64be: { read: 'v.getBigInt64(o)', write: 'v.setBigInt64(o, x)', invalid: i64Code.invalid },
};

const WIDENED_KINDS: ReadonlySet<PrimitiveKind> = new Set(['u64', 'i64', 'usize', 'isize', 'u64be', 'i64be']);

export function rejectValue(value: unknown, kind: string, where: string): never {
  const expected =
    kind === 'bool'
      ? 'a boolean'
      : kind === 'f32' || kind === 'f64'
        ? 'a number'
        : WIDENED_KINDS.has(kind as PrimitiveKind)
          ? `a bigint (or a safe integer) from ${INT_RANGES[kind]}`
          : `an integer from ${INT_RANGES[kind]}`;
  throw new InvalidValueError(`${where} (${kind}) needs ${expected}; got ${describeValue(value)}.`);
}

/** 64-bit fields read as bigint but also accept safe-integer numbers in range. */
export function widenValue(value: unknown, kind: string, where: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    const wide = BigInt(value);
    const fits =
      kind === 'i64' || kind === 'isize' || kind === 'i64be'
        ? BigInt.asIntN(64, wide)
        : BigInt.asUintN(64, wide);
    if (fits === wide) return wide;
  }
  return rejectValue(value, kind, where);
}

export function outOfBounds(index: unknown, length: number, where: string): never {
  throw new OutOfBoundsError(
    `${where}: index ${describeValue(index)} is out of bounds; valid indices are whole numbers from 0 to ${length - 1}.`,
  );
}

/** The statements that check and write `x` of a primitive kind; `W[index]` names the field. */
export function primitiveWriteSource(kind: PrimitiveKind, index: number): string {
  const code = PRIMITIVE_CODE[kind];
  const fix = WIDENED_KINDS.has(kind) ? 'widen' : 'reject';
  return `if (${code.invalid}) x = h.${fix}(x, '${kind}', W[${index}]); ${code.write};`;
}
