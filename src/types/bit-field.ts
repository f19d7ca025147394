import { describeValue, InvalidTypeError, UnsupportedPlatformError } from '../errors.js';
import { ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress } from './clone-guard.js';
import { type Field, PrimitiveType } from './type.js';

/**
 * The integer kinds a bit-field may have.
 * @example `const kind: BitFieldKind = 'u32';`
 */
export type BitFieldKind = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'u64' | 'i64';
const BIT_FIELD_KINDS: ReadonlySet<string> = new Set(['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'u64', 'i64']);

/**
 * A bit-field member `T name : width`, as a struct or union field. Create with `bits(T, width)`.
 * Reads and writes give a number (a bigint for 64-bit types), sign-extended for signed types.
 * @example `const FLAGS = struct('FLAGS', { ready: bits(u32, 1), mode: bits(u32, 3), count: bits(i32, 12) });`
 */
export class BitField<K extends BitFieldKind = BitFieldKind> {
  /** @internal Makes structured clone fail with a message that says what to do (see clone-guard.ts). */
  readonly cloneGuard = ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress;
  /** Always `'bits'`. */
  readonly kind = 'bits';
  constructor(
    /** The declared type: its size is the storage unit the bits live in. */
    readonly type: PrimitiveType<K>,
    /** The width in bits, from 1 to the type's size in bits. */
    readonly width: number,
  ) {}

  /** The C spelling: `u32 : 3`. */
  get name(): string {
    return `${this.type.name} : ${this.width}`;
  }
}

/**
 * A bit-field `T : width` for a struct or union field, laid out as gcc does on x86-64 (consecutive
 * bit-fields share a storage unit of `T`'s size while they fit in it; one that would cross its
 * unit's boundary starts the next unit). Not in packed structs, and not on Windows (MSVC and
 * mingw lay bit-fields out differently).
 *
 * @example
 * ```ts
 * const tcp_flags = struct('tcp_flags', { fin: bits(u8, 1), syn: bits(u8, 1), rst: bits(u8, 1), rest: bits(u8, 5) });
 * p.ref.syn = 1;            // read-modify-write of the byte that holds it
 * ```
 * @throws InvalidTypeError for a type that is not an integer type, or a width that is not a whole
 *   number from 1 to the type's size in bits (a bit-field wider than its type);
 *   UnsupportedPlatformError on Windows, whose C compilers lay bit-fields out differently.
 */
export function bits<K extends BitFieldKind>(type: PrimitiveType<K>, width: number): BitField<K> {
  if (process.platform === 'win32') {
    throw new UnsupportedPlatformError(
      "bit-fields are laid out as gcc does on System V (Linux, macOS); MSVC's layout on Windows differs and is not implemented.",
    );
  }
  if (!(type instanceof PrimitiveType) || !BIT_FIELD_KINDS.has(type.name)) {
    throw new InvalidTypeError(
      `a bit-field needs an integer type (u8, i8, u16, i16, u32, i32, u64, i64); got ${describeValue(type)}.`,
    );
  }
  const max = type.size * 8;
  if (typeof width !== 'number' || !Number.isInteger(width) || width < 1 || width > max) {
    throw new InvalidTypeError(
      `a bit-field of ${type.name} must be 1 to ${max} bits wide; got ${describeValue(width)}.`,
    );
  }
  return new BitField(type, width);
}

/**
 * Lays out a bit-field as gcc does on x86-64 (the System V ABI): it starts at bit `startBit` of
 * the struct unless it would cross a boundary of its type's size, in which case it starts at the
 * next one. Its storage unit is the type-sized, type-aligned block it falls in.
 */
export function placeBitField(name: string, field: BitField, startBit: number): Field {
  const { type, width } = field;
  const unitBits = type.size * 8;
  const crosses = Math.floor(startBit / unitBits) !== Math.floor((startBit + width - 1) / unitBits);
  const start = crosses ? Math.ceil(startBit / unitBits) * unitBits : startBit;
  const offset = Math.floor(start / unitBits) * type.size;
  return { name, type, offset, alignment: type.align, bitOffset: start - offset * 8, bitWidth: width };
}
