// Random structs and unions of integers and bit-fields (zero-width ones included), for the layout
// oracles of both bit-field rules: test/bit-fields.test.ts (System V, gcc) and
// test/support/microsoft-bit-fields.ts (Microsoft, mingw-w64).
import {
  type BitFieldLayout,
  bits,
  type PrimitiveType,
  type StructType,
  struct,
  union,
} from '../../src/index.js';
import { FIXED_WIDTH_INTEGERS, randomInteger } from './c-integers.js';
import type { Random } from './random.js';

/** One member: a plain integer (`width` undefined), a bit-field, or a zero-width bit-field (unnamed in C). */
export interface Member {
  readonly name: string;
  readonly cName: string;
  readonly width: number | undefined;
  readonly signed: boolean;
  readonly value: bigint;
}

export interface Definition {
  readonly type: StructType;
  readonly kind: 'struct' | 'union';
  readonly members: readonly Member[];
  /** The members given a value (in a union, only the last named one keeps it). */
  readonly written: readonly Member[];
}

/**
 * `count` random definitions named `${prefix}${index}`, laid out with `layout`, each with 1 to
 * `maxMembers` members.
 */
export function randomBitFieldDefinitions(
  random: Random,
  count: number,
  { prefix, layout, maxMembers }: { prefix: string; layout: BitFieldLayout; maxMembers: number },
): Definition[] {
  return Array.from({ length: count }, (_, index) => {
    const kind = random.next() < 0.15 ? 'union' : 'struct';
    const members: Member[] = [];
    const memberCount = random.int(1, maxMembers);
    for (let i = 0; i < memberCount; i++) {
      const [type, cName] = random.pick(FIXED_WIDTH_INTEGERS);
      const isBitField = random.next() < 0.75;
      // Zero-width bit-fields (unnamed in C) never first: C needs a named member.
      const zero = isBitField && i > 0 && random.next() < 0.15;
      const width = !isBitField ? undefined : zero ? 0 : random.int(1, type.size * 8);
      const signed = type.name.startsWith('i');
      const valueBits = width ?? type.size * 8;
      members.push({
        name: `f${i}`,
        cName,
        width,
        signed,
        value: valueBits === 0 ? 0n : randomInteger(random, valueBits, signed),
      });
    }
    const fields = members.map((m) => {
      const type = FIXED_WIDTH_INTEGERS.find(([, c]) => c === m.cName)![0] as PrimitiveType<'u8'>;
      return [m.name, m.width === undefined ? type : bits(type, m.width)] as const;
    });
    const type = (kind === 'union' ? union : struct)(`${prefix}${index}`, fields, { bitFieldLayout: layout });
    // In a union every member overlaps: only the last one written keeps its value.
    const named = members.filter((m) => m.width !== 0);
    return { type, kind, members, written: kind === 'union' ? named.slice(-1) : named };
  });
}

/** The value as the field reads: a bigint for 64-bit types, else a number. */
export function asRead(member: Member, value: bigint): number | bigint {
  return member.cName.endsWith('64_t') ? value : Number(value);
}
