import { describeValue, InvalidTypeError } from '../errors.js';
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

/** Where a bit-field went, and what it does to its struct. */
export interface PlacedBitField {
  readonly field: Field;
  /** The struct's size so far, in bytes, counting the field's whole storage unit. */
  readonly end: number;
  /** The alignment the field asks of its struct (1: none). */
  readonly alignment: number;
}

/**
 * Places the bit-fields of one struct, in order: one placer per struct (per member of a union),
 * told about the plain members between them.
 */
export interface BitFieldPlacer {
  /** Places `field` in a struct whose members so far end at byte `end`. */
  place(name: string, field: BitField, end: number): PlacedBitField;
  /** A plain member was placed, ending at byte `end`: later bit-fields start after it. */
  plainMember(end: number): void;
}

/** A new placer for one struct with the given layout. */
export function bitFieldPlacer(layout: BitFieldLayout): BitFieldPlacer {
  return layout === 'microsoft' ? new MicrosoftPlacer() : new SystemVPlacer();
}

function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

function bitField(name: string, field: BitField, offset: number, bitOffset: number): Field {
  const { type, width } = field;
  return { name, type, offset, alignment: type.align, bitOffset, bitWidth: width };
}

/**
 * gcc on x86-64 (the System V ABI): a bit-field starts at the next free bit unless it would cross
 * a boundary of its type's size, in which case it starts at that boundary; its storage unit is
 * the type-sized, type-aligned block it falls in. Bit-fields of different types share bytes. A
 * zero-width one moves the next bit to its type's boundary and, being unnamed in C, does not
 * align the struct.
 */
class SystemVPlacer implements BitFieldPlacer {
  /** Where the next bit-field may start, in bits. */
  private bitEnd = 0;

  place(name: string, field: BitField, end: number): PlacedBitField {
    const { type, width } = field;
    const unitBits = type.size * 8;
    const from = this.bitEnd;
    if (width === 0) {
      const start = alignUp(from, unitBits);
      this.bitEnd = start;
      return { field: bitField(name, field, start / 8, 0), end: Math.max(end, start / 8), alignment: 1 };
    }
    const crosses = Math.floor(from / unitBits) !== Math.floor((from + width - 1) / unitBits);
    const start = crosses ? alignUp(from, unitBits) : from;
    const offset = Math.floor(start / unitBits) * type.size;
    this.bitEnd = start + width;
    return {
      field: bitField(name, field, offset, start - offset * 8),
      end: Math.max(end, Math.ceil(this.bitEnd / 8)),
      alignment: type.align,
    };
  }

  plainMember(end: number): void {
    this.bitEnd = end * 8;
  }
}

/**
 * MSVC, and mingw-w64 (gcc's `-mms-bitfields`, its default): a run of bit-fields shares one
 * storage unit of the declared type's size, aligned for that type. A bit-field whose type has
 * another size than the run's, or that does not fit in what is left of the unit, starts a new
 * unit after it (never straddling two). A plain member ends the run and starts after the whole
 * unit. A zero-width bit-field after a bit-field ends the run and aligns what follows (and the
 * struct) to its type; after a plain member, or first, it is ignored.
 */
class MicrosoftPlacer implements BitFieldPlacer {
  /** The current run's unit: where it starts, its size in bytes and the bits used; null between runs. */
  private run: { offset: number; size: number; used: number } | null = null;

  place(name: string, field: BitField, end: number): PlacedBitField {
    const { type, width } = field;
    const run = this.run;
    if (width === 0) {
      if (run === null) return { field: bitField(name, field, end, 0), end, alignment: 1 };
      this.run = null;
      const offset = alignUp(end, type.align);
      return { field: bitField(name, field, offset, 0), end: offset, alignment: type.align };
    }
    if (run !== null && run.size === type.size && run.used + width <= run.size * 8) {
      const placed = bitField(name, field, run.offset, run.used);
      run.used += width;
      return { field: placed, end, alignment: type.align };
    }
    const offset = alignUp(end, type.align);
    this.run = { offset, size: type.size, used: width };
    return { field: bitField(name, field, offset, 0), end: offset + type.size, alignment: type.align };
  }

  plainMember(): void {
    this.run = null;
  }
}
