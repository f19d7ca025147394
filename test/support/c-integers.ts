// Random integers for the gcc oracles, and how C spells them.
import { i8, i16, i32, i64, type PrimitiveType, u8, u16, u32, u64 } from '../../src/index.js';
import type { Random } from './random.js';

/** The fixed-width integer types, each with its C spelling, the order the seeded oracles draw from. */
export const FIXED_WIDTH_INTEGERS: readonly [PrimitiveType, string][] = [
  [u8, 'uint8_t'],
  [i8, 'int8_t'],
  [u16, 'uint16_t'],
  [i16, 'int16_t'],
  [u32, 'uint32_t'],
  [i32, 'int32_t'],
  [u64, 'uint64_t'],
  [i64, 'int64_t'],
];

/** A random `width`-bit integer, often an edge (all ones, the top bit alone, zero). */
export function randomInteger(random: Random, width: number, signed: boolean): bigint {
  let value = 0n;
  for (let i = 0; i < width; i += 16) value = (value << 16n) | BigInt(random.int(0, 0xffff));
  const roll = random.next();
  if (roll < 0.1) value = -1n;
  else if (roll < 0.2) value = 1n << BigInt(width - 1);
  else if (roll < 0.25) value = 0n;
  return signed ? BigInt.asIntN(width, value) : BigInt.asUintN(width, value);
}

/** `value` as a C literal of a `typeBits`-bit integer type (the minimum of a signed type written out). */
export function cInteger(value: bigint, typeBits: number, signed: boolean): string {
  if (signed && value === -(2n ** BigInt(typeBits - 1)) && typeBits >= 32) {
    return `(${value + 1n}${typeBits === 64 ? 'LL' : ''} - 1)`;
  }
  if (typeBits === 64) return `${value}${signed ? 'LL' : 'ULL'}`;
  return `${value}${typeBits === 32 && !signed ? 'U' : ''}`;
}
