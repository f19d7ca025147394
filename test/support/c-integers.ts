// Random integers for the gcc oracles, and how C spells them.
import type { Random } from './random.js';

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
