import { describeValue, InvalidValueError } from '../errors.js';
import type { Field } from '../types/type.js';

/**
 * The code generated accessors use for a bit-field: a read of its storage unit (the field's
 * `offset`, `type.size` bytes, little-endian), a shift and a mask; a write is a checked
 * read-modify-write of the same unit. Units of up to 32 bits use 32-bit integer arithmetic, 64-bit
 * units BigInt. Plain fields never reach this code.
 */

const UNIT_READ: Record<number, string> = {
  1: 'v.getUint8(o)',
  2: 'v.getUint16(o, true)',
  4: 'v.getUint32(o, true)',
};
const UNIT_WRITE: Record<number, string> = {
  1: 'v.setUint8(o, $)',
  2: 'v.setUint16(o, $, true)',
  4: 'v.setUint32(o, $, true)',
};

/** The range of a bit-field's values: [min, max]. */
function bitRange(signed: boolean, width: number): [bigint, bigint] {
  return signed ? [-(2n ** BigInt(width - 1)), 2n ** BigInt(width - 1) - 1n] : [0n, 2n ** BigInt(width) - 1n];
}

/** The getter expression and setter statements of bit-field `field`; `W[index]` names it. */
export function bitFieldSource(field: Field, index: number): { read: string; write: string } {
  const width = field.bitWidth!;
  const shift = field.bitOffset!;
  const size = field.type.size;
  const signed = field.type.name.startsWith('i');
  const reject = `h.rejectBits(x, ${width}, ${signed}, W[${index}])`;
  // C's unnamed `T : 0` holds nothing: it reads as 0 and takes only 0.
  if (width === 0) return { read: '0', write: `if (x !== 0) ${reject};` };
  const [min, max] = bitRange(signed, width);
  if (size === 8) {
    const fit = signed ? `BigInt.asIntN(${width}, x)` : `BigInt.asUintN(${width}, x)`;
    const clear = BigInt.asUintN(64, ~(((1n << BigInt(width)) - 1n) << BigInt(shift)));
    return {
      read: `${signed ? 'BigInt.asIntN' : 'BigInt.asUintN'}(${width}, v.getBigUint64(o, true) >> ${shift}n)`,
      write:
        `if (typeof x === 'number' && Number.isSafeInteger(x)) x = BigInt(x); ` +
        `if (typeof x !== 'bigint' || ${fit} !== x) ${reject}; ` +
        `v.setBigUint64(o, (v.getBigUint64(o, true) & ${clear}n) | (BigInt.asUintN(${width}, x) << ${shift}n), true);`,
    };
  }
  const mask = width === 32 ? 0xffffffff : 2 ** width - 1;
  const clear = ~(mask << shift) >>> 0;
  const unit = UNIT_READ[size]!;
  const read = signed
    ? `(${unit} << ${32 - shift - width}) >> ${32 - width}`
    : width >= 31
      ? `((${unit} >>> ${shift}) & ${mask}) >>> 0`
      : `(${unit} >>> ${shift}) & ${mask}`;
  const valid = `typeof x === 'number' && Number.isInteger(x) && x >= ${min} && x <= ${max}`;
  const update = `((${unit} & ${clear}) | ((x & ${mask}) << ${shift})) >>> 0`;
  return {
    read: `(${read})`,
    write: `if (!(${valid})) ${reject}; ${UNIT_WRITE[size]!.replace('$', update)};`,
  };
}

/** The error for a value a bit-field cannot hold (called by generated setters). */
export function rejectBits(value: unknown, width: number, signed: boolean, where: string): never {
  if (width === 0) {
    throw new InvalidValueError(
      `${where} is a zero-width bit-field (C's unnamed T : 0): it holds no value, only 0 can be written; got ${describeValue(value)}.`,
    );
  }
  const [min, max] = bitRange(signed, width);
  throw new InvalidValueError(
    `${where} is a ${width}-bit ${signed ? 'signed' : 'unsigned'} bit-field: it needs an integer from ${min} to ${max}; got ${describeValue(value)}.`,
  );
}
