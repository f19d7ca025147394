// The layout ffi-arena's struct() gives a record (natural alignment, or `pack`; bit-fields by the
// Microsoft rules), computed here so that only records whose every offset, size and alignment
// equal castxml's are emitted. The test lane then checks the emitted ones against mingw gcc itself.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * struct()'s own bit-field placer (src/types/bit-field-placer.ts, which has only type imports),
 * transpiled: the generator places bit-fields with the library's rules, not a copy of them.
 */
const { bitFieldPlacer } = await import(
  `data:text/javascript;base64,${Buffer.from(
    ts.transpileModule(
      readFileSync(new URL('../../src/types/bit-field-placer.ts', import.meta.url), 'utf8'),
      { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } },
    ).outputText,
  ).toString('base64')}`
);

const PRIMITIVE_SIZES = {
  i8: 1,
  u8: 1,
  bool: 1,
  i16: 2,
  u16: 2,
  i32: 4,
  u32: 4,
  f32: 4,
  i64: 8,
  u64: 8,
  f64: 8,
  usize: 8,
  isize: 8,
};

/** Size and alignment in bytes of a resolved type, or undefined if ffi-arena cannot lay it out. */
export function sizeAndAlign(type, records, pack) {
  switch (type.kind) {
    case 'prim': {
      const size = PRIMITIVE_SIZES[type.prim];
      return { size, align: size };
    }
    case 'handle':
    case 'pointer':
    case 'fnptr':
    case 'callback':
      return { size: 8, align: 8 };
    case 'array': {
      const element = sizeAndAlign(type.of, records, pack);
      return element && { size: element.size * type.length, align: element.align };
    }
    case 'record':
      return type.name === undefined ? layoutOf(type.node, records, pack) : records.layout(type.node);
    default:
      return undefined;
  }
}

const alignUp = (offset, alignment) => Math.ceil(offset / alignment) * alignment;

/**
 * ffi-arena's layout of a record's fields (`fields`: resolved types, `width` for a bit-field), with
 * `pack` or natural alignment, as struct() lays them out: { size, align, offsets, bitOffsets }
 * (`bitOffsets[i]` for a bit-field, whose offset is its storage unit's) — or undefined when a field
 * cannot be laid out.
 */
export function layoutOf(record, records, pack) {
  const fields = records.fields(record);
  if (fields === undefined) return undefined;
  const union = record.tag === 'Union';
  let end = 0;
  let align = 1;
  const offsets = [];
  const bitOffsets = [];
  let placer = bitFieldPlacer('microsoft');
  for (const field of fields) {
    const member = sizeAndAlign(field.type, records, pack);
    if (member === undefined) return undefined;
    if (field.width !== undefined) {
      if (pack !== undefined) return undefined; // struct() refuses bit-fields in packed structs
      if (union) placer = bitFieldPlacer('microsoft');
      const placed = placer.place(field.name, { type: member, width: field.width }, union ? 0 : end);
      offsets.push(placed.field.offset);
      bitOffsets.push(placed.field.bitOffset);
      end = Math.max(end, placed.end);
      align = Math.max(align, placed.alignment);
      continue;
    }
    const alignment = pack === undefined ? member.align : Math.min(member.align, pack);
    const offset = union ? 0 : alignUp(end, alignment);
    offsets.push(offset);
    bitOffsets.push(undefined);
    end = Math.max(end, offset + member.size);
    placer.plainMember(end);
    align = Math.max(align, alignment);
  }
  return { size: alignUp(end, align), align, offsets, bitOffsets };
}

/** Whether ffi-arena's layout equals castxml's, in this record and every anonymous one inside. */
export function matchesCastxml(record, records, pack) {
  const layout = layoutOf(record, records, pack);
  if (layout === undefined) return false;
  if (layout.size * 8 !== Number(record.size) || layout.align * 8 !== Number(record.align)) return false;
  const fields = records.fields(record);
  for (const [index, field] of fields.entries()) {
    // castxml gives offsets in bits: a bit-field's is its unit's offset plus its first bit.
    if (layout.offsets[index] * 8 + (layout.bitOffsets[index] ?? 0) !== Number(field.node.offset))
      return false;
    if (field.type.kind === 'record' && field.type.name === undefined) {
      if (!matchesCastxml(field.type.node, records, pack)) return false;
    }
  }
  return true;
}
