// The layout ffi-arena's struct() gives a record (natural alignment, or `pack`), computed here so
// that only records whose every offset, size and alignment equal castxml's are emitted. The test
// lane then checks the emitted ones against mingw gcc itself.

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
 * ffi-arena's layout of a record's fields (`fields`: resolved types), with `pack` or natural
 * alignment: { size, align, offsets } — or undefined when a field cannot be laid out.
 */
export function layoutOf(record, records, pack) {
  const fields = records.fields(record);
  if (fields === undefined) return undefined;
  let end = 0;
  let align = 1;
  const offsets = [];
  for (const field of fields) {
    const member = sizeAndAlign(field.type, records, pack);
    if (member === undefined) return undefined;
    const alignment = pack === undefined ? member.align : Math.min(member.align, pack);
    const offset = record.tag === 'Union' ? 0 : alignUp(end, alignment);
    offsets.push(offset);
    end = Math.max(end, offset + member.size);
    align = Math.max(align, alignment);
  }
  return { size: alignUp(end, align), align, offsets };
}

/** Whether ffi-arena's layout equals castxml's, in this record and every anonymous one inside. */
export function matchesCastxml(record, records, pack) {
  const layout = layoutOf(record, records, pack);
  if (layout === undefined) return false;
  if (layout.size * 8 !== Number(record.size) || layout.align * 8 !== Number(record.align)) return false;
  const fields = records.fields(record);
  for (const [index, field] of fields.entries()) {
    if (layout.offsets[index] * 8 !== Number(field.node.offset)) return false;
    if (field.type.kind === 'record' && field.type.name === undefined) {
      if (!matchesCastxml(field.type.node, records, pack)) return false;
    }
  }
  return true;
}
