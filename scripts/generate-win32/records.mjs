// Which structs and unions are generated: every complete one the covered headers name, whose
// layout ffi-arena's struct()/union() reproduces exactly (natural alignment or one `pack`; bit-fields
// by the Microsoft rules of `bits()`). The others are left out with the reason (unnamed members,
// flexible arrays, …).
import { headerOf } from './castxml.mjs';
import { layoutOf, matchesCastxml } from './layout.mjs';

/** Headers of the C runtime, not of the Windows API. */
const CRT_HEADERS = new Set([
  'vadefs.h',
  '_mingw.h',
  'crtdefs.h',
  'corecrt.h',
  'stdio.h',
  'stdlib.h',
  'string.h',
  'wchar.h',
  'ctype.h',
  'locale.h',
  'errno.h',
  'malloc.h',
  'stddef.h',
  'time.h',
  'math.h',
  'stdarg.h',
  'excpt.h',
  'limits.h',
  'sys/types.h',
  'types.h',
  'swprintf.inl',
  'sec_api/stdlib_s.h',
  '_mingw_off_t.h',
  'stdint.h',
  'mm_malloc.h',
  'xmmintrin.h',
  'emmintrin.h',
  'mmintrin.h',
  'intrin.h',
  'psdk_inc/intrin-impl.h',
  'setjmp.h',
  'process.h',
]);
const PACKS = [undefined, 4, 2, 1];
/** The types `bits()` takes. */
const BIT_FIELD_TYPES = new Set(['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'u64', 'i64']);

export function isWindowsHeader(graph, node) {
  const header = headerOf(graph, node);
  return header !== '' && !CRT_HEADERS.has(header) && !header.endsWith('intrin.h');
}

export function selectRecords(graph, types) {
  const accepted = new Map(); // node id → { pack } or null (left out)
  const reasons = new Map(); // node id → why left out
  const fieldCache = new Map();

  /** The record's fields with their resolved types; undefined (and a reason) if one cannot be a field. */
  function fields(record) {
    if (fieldCache.has(record.id)) return fieldCache.get(record.id);
    let result = [];
    for (const id of (record.members ?? '').split(' ').filter(Boolean)) {
      const node = graph.nodes.get(id);
      if (node.tag !== 'Field') continue;
      const why = problemOf(node);
      if (why !== undefined) {
        reasons.set(record.id, why);
        result = undefined;
        break;
      }
      const width = node.bits === undefined ? undefined : Number(node.bits);
      result.push({ node, name: node.name, type: types.resolve(node.type), width });
    }
    if (result !== undefined && result.length === 0) {
      reasons.set(record.id, 'it has no fields');
      result = undefined;
    }
    fieldCache.set(record.id, result);
    return result;
  }

  function problemOf(field) {
    if (field.name === '') return 'an unnamed member (an anonymous struct or union without a DUMMY…NAME)';
    const type = types.resolve(field.type);
    if (field.bits !== undefined && !(type.kind === 'prim' && BIT_FIELD_TYPES.has(type.prim)))
      return `a bit-field of a type bits() does not take (${type.prim ?? type.kind})`;
    return fieldTypeProblem(type);
  }

  function fieldTypeProblem(type) {
    switch (type.kind) {
      case 'prim':
      case 'handle':
      case 'pointer':
      case 'fnptr':
      case 'callback':
        return undefined;
      case 'array':
        if (type.length === 0) return 'a flexible array member';
        return fieldTypeProblem(type.of);
      case 'record':
        if (type.name === undefined)
          return fields(type.node) === undefined ? reasons.get(type.node.id) : undefined;
        return accept(type.node) ? undefined : `a member of type ${type.name}, which is left out`;
      case 'opaque':
        return `a member of incomplete type ${type.name}`;
      default:
        return type.why === undefined ? `a member of kind ${type.kind}` : `a member of ${type.why}`;
    }
  }

  const layouts = {
    fields,
    layout: (node) =>
      accept(node) ? { size: Number(node.size) / 8, align: Number(node.align) / 8 } : undefined,
  };

  /** Whether a named record is generated; the pack that reproduces its layout is remembered. */
  function accept(record) {
    if (accepted.has(record.id)) return accepted.get(record.id) !== null;
    accepted.set(record.id, null); // a record cannot contain itself by value
    if (fields(record) === undefined) return false;
    const index = PACKS.findIndex((candidate) => matchesCastxml(record, layouts, candidate));
    const pack = PACKS[index];
    if (index === -1) {
      reasons.set(record.id, reasons.get(record.id) ?? unexpressedLayout(record));
      return false;
    }
    accepted.set(record.id, { pack });
    return true;
  }

  /** Why no layout of struct() gives a record castxml's: its alignment says which way it differs. */
  function unexpressedLayout(record) {
    const declared = Number(record.align) / 8;
    const natural = layoutOf(record, layouts, undefined)?.align;
    if (hasBitFields(record) && declared < natural)
      return 'bit-fields in a packed struct (#pragma pack), which bits() does not lay out';
    if (hasBitFields(record) && declared === natural)
      return 'bit-fields that the Microsoft rule of bits() does not place where castxml does';
    return 'a layout struct() cannot express (an explicit alignment such as DECLSPEC_ALIGN(16))';
  }

  /** Whether a record, or an anonymous one inside it, has bit-fields. */
  function hasBitFields(record) {
    return fields(record).some(
      (field) =>
        field.width !== undefined ||
        (field.type.kind === 'record' && field.type.name === undefined && hasBitFields(field.type.node)),
    );
  }

  const emitted = [];
  const leftOut = [];
  const names = new Set();
  for (const node of graph.all) {
    if (node.tag !== 'Struct' && node.tag !== 'Union') continue;
    if (node.incomplete === '1' || node.size === undefined || types.isHandleRecord(node)) continue;
    if (!isWindowsHeader(graph, node)) continue;
    const name = types.recordName(node);
    if (name === undefined || name.startsWith('__')) continue; // anonymous: generated inside its parent
    if (graph.nodes.get(node.context)?.tag !== 'Namespace') continue; // nested declarations
    if (names.has(name)) continue;
    names.add(name);
    const typedefNamed = (types.typedefsOf.get(node.id) ?? []).some((typedef) => typedef.name === name);
    const cName = typedefNamed ? name : `${node.tag === 'Union' ? 'union' : 'struct'} ${name}`;
    if (accept(node))
      emitted.push({ node, name, cName, pack: accepted.get(node.id).pack, fields: fields(node) });
    else leftOut.push({ name, header: headerOf(graph, node), why: reasons.get(node.id) ?? 'unknown' });
  }
  return { emitted: dependencyOrder(emitted, fields), leftOut, fields };
}

/** Records in an order where each one's by-value members (also inside anonymous ones) come first. */
function dependencyOrder(records, fields) {
  const byId = new Map(records.map((record) => [record.node.id, record]));
  const done = new Set();
  const ordered = [];
  function* byValue(list) {
    for (const field of list) {
      let type = field.type;
      while (type.kind === 'array') type = type.of;
      if (type.kind !== 'record') continue;
      if (type.name === undefined) yield* byValue(fields(type.node));
      else yield type.node;
    }
  }
  const visit = (record) => {
    if (done.has(record.node.id)) return;
    done.add(record.node.id);
    for (const dependency of byValue(record.fields)) {
      const named = byId.get(dependency.id);
      if (named !== undefined) visit(named);
    }
    ordered.push(record);
  };
  for (const record of records) visit(record);
  return ordered;
}
