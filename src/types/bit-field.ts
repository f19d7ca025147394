import { describeValue, InvalidTypeError } from '../errors.js';
import { ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress } from './clone-guard.js';
import { PrimitiveType } from './type.js';

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
    /** The width in bits, from 0 (C's unnamed `T : 0`) to the type's size in bits. */
    readonly width: number,
  ) {}

  /** The C spelling: `u32 : 3`. */
  get name(): string {
    return `${this.type.name} : ${this.width}`;
  }
}

/**
 * How a struct's bit-fields are laid out: `'system-v'` as gcc and clang do on Linux and macOS
 * (bit-fields of any types share storage while they fit), `'microsoft'` as MSVC and mingw-w64 do
 * on Windows (a run of bit-fields shares one unit of its type's size; a type of another size, or a
 * field that does not fit, starts a new unit). The default is the host's.
 * @example `struct('DCB_BITS', { fBinary: bits(u32, 1), fParity: bits(u32, 1) }, { bitFieldLayout: 'microsoft' })`
 */
export type BitFieldLayout = 'system-v' | 'microsoft';

/** The layout of the C compilers of this platform. */
export const HOST_BIT_FIELD_LAYOUT: BitFieldLayout = process.platform === 'win32' ? 'microsoft' : 'system-v';

/**
 * A bit-field `T : width` for a struct or union field. Its layout is the platform's C compilers'
 * (see `BitFieldLayout`), or the one the struct's `bitFieldLayout` option names. A width of 0 is
 * C's unnamed `T : 0`: it holds nothing (reads give 0, only 0 can be written) and ends the run of
 * bit-fields before it, as C does. Not in packed structs.
 *
 * @example
 * ```ts
 * const tcp_flags = struct('tcp_flags', { fin: bits(u8, 1), syn: bits(u8, 1), rst: bits(u8, 1), rest: bits(u8, 5) });
 * p.ref.syn = 1;            // read-modify-write of the byte that holds it
 * ```
 * @throws InvalidTypeError for a type that is not an integer type, or a width that is not a whole
 *   number from 0 to the type's size in bits (a bit-field wider than its type).
 */
export function bits<K extends BitFieldKind>(type: PrimitiveType<K>, width: number): BitField<K> {
  if (!(type instanceof PrimitiveType) || !BIT_FIELD_KINDS.has(type.name)) {
    throw new InvalidTypeError(
      `a bit-field needs an integer type (u8, i8, u16, i16, u32, i32, u64, i64); got ${describeValue(type)}.`,
    );
  }
  const max = type.size * 8;
  if (typeof width !== 'number' || !Number.isInteger(width) || width < 0 || width > max) {
    throw new InvalidTypeError(
      `a bit-field of ${type.name} must be 0 to ${max} bits wide; got ${describeValue(width)}.`,
    );
  }
  return new BitField(type, width);
}
