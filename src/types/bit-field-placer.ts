// Where bit-fields go: one placer per struct, by the System V or the Microsoft rules. Only type
// imports, so that the Win32 generator (scripts/generate-win32/layout.mjs) can load this very
// file, transpiled, and check castxml's layouts with the rules struct() uses.
import type { BitField, BitFieldLayout } from './bit-field.js';
import type { Field } from './type.js';

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
