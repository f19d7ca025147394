// C types as castxml gives them → what the generated code needs of each: the ffi-arena type
// (struct fields), the spelling for a declaration (parsed on a function's first call), and the
// TypeScript types of arguments and results. Typedefs are looked through, except those that mean
// something of their own: handles, callback types, named structs, and the hand-written aliases.

/** castxml's fundamental type names → ffi-arena primitives (Win64: long is 32 bits). */
const FUNDAMENTALS = {
  char: 'i8',
  'signed char': 'i8',
  'unsigned char': 'u8',
  'short int': 'i16',
  'short unsigned int': 'u16',
  int: 'i32',
  'unsigned int': 'u32',
  'long int': 'i32',
  'long unsigned int': 'u32',
  'long long int': 'i64',
  'long long unsigned int': 'u64',
  float: 'f32',
  double: 'f64',
  _Bool: 'bool',
};
const WIDE = new Set(['u64', 'i64', 'usize', 'isize']);

/** Names a result or argument means more by than its C type (see src/win32/type-names.ts). */
/** mingw spells BOOL `WINBOOL` (`#define BOOL WINBOOL`). */
const MEANINGFUL = new Map([
  ['BOOL', 'BOOL'],
  ['WINBOOL', 'BOOL'],
  ['HRESULT', 'HRESULT'],
]);

/**
 * @param graph castxml's nodes
 * @param handWritten the names `src/win32/types.ts` exports (DWORD, HWND, LPCWSTR, …)
 */
export function createTypes(graph, handWritten) {
  const { nodes } = graph;
  const typedefsOf = new Map(); // record id → typedef nodes naming it directly
  for (const node of graph.all) {
    if (node.tag !== 'Typedef') continue;
    const target = strip(node.type);
    if (target.tag === 'Struct' || target.tag === 'Union') {
      if (!typedefsOf.has(target.id)) typedefsOf.set(target.id, []);
      typedefsOf.get(target.id).push(node);
    }
  }

  /** The node behind elaborations (`struct X`) only. */
  function strip(id) {
    let node = nodes.get(id.replace(/c$/, ''));
    while (node.tag === 'ElaboratedType') node = nodes.get(node.type.replace(/c$/, ''));
    return node;
  }

  /** A record's exported name: its typedef (`SYSTEM_INFO`, not `_SYSTEM_INFO`), else its tag. */
  const recordNames = new Map();
  function recordName(record) {
    if (recordNames.has(record.id)) return recordNames.get(record.id);
    const typedefs = typedefsOf.get(record.id) ?? [];
    const tag = record.name ?? '';
    const bare = tag.replace(/^_+|^tag/, '');
    const chosen =
      typedefs.find((typedef) => typedef.name === bare) ??
      typedefs.find((typedef) => !/^(L?P|N?P)[A-Z]/.test(typedef.name)) ??
      typedefs[0];
    const name = chosen?.name ?? (tag === '' ? undefined : tag);
    recordNames.set(record.id, name);
    return name;
  }

  /** `DECLARE_HANDLE(HWND)`: a typedef of a pointer to `struct HWND__ { int unused; }`. */
  function handleStruct(typedef) {
    const target = nodes.get(typedef.type.replace(/c$/, ''));
    if (target?.tag !== 'PointerType') return false;
    const pointee = strip(target.type);
    return (pointee.tag === 'Struct' && pointee.name === `${typedef.name}__`) || false;
  }

  /** The `struct NAME__ { int unused; }` behind a DECLARE_HANDLE: not a struct of the API. */
  function isHandleRecord(record) {
    if (!/^[A-Z][A-Z0-9_]*__$/.test(record.name ?? '')) return false;
    const members = (record.members ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => nodes.get(id));
    return members.length === 1 && members[0].name === 'unused';
  }

  /**
   * Resolves a type id. The result is one of:
   * prim {prim, alias?, meaning?}, handle {brand, name}, pointer {to, constTarget, alias?},
   * callback {name, fn}, record {node, name?}, array {of, length}, enum {prim}, void,
   * fnptr {fn} (a function pointer without a callback typedef), unsupported {why}.
   */
  function resolve(id, seen = new Set()) {
    const isConst = id.endsWith('c');
    const node = nodes.get(id.replace(/c$/, ''));
    switch (node.tag) {
      case 'CvQualifiedType': {
        const inner = resolve(node.type, seen);
        return node.const === '1' ? { ...inner, isConst: true } : inner;
      }
      case 'ElaboratedType':
        return isConst ? { ...resolve(node.type, seen), isConst: true } : resolve(node.type, seen);
      case 'FundamentalType': {
        if (node.name === 'void') return { kind: 'void', isConst };
        const prim = FUNDAMENTALS[node.name];
        return prim === undefined
          ? { kind: 'unsupported', why: `the C type ${node.name}` }
          : { kind: 'prim', prim, isConst };
      }
      case 'Enumeration':
        return {
          kind: 'prim',
          prim: (node.type && FUNDAMENTALS[nodes.get(node.type).name]) || 'i32',
          isConst,
        };
      case 'Typedef':
        return { ...typedef(node, seen), ...(isConst ? { isConst: true } : {}) };
      case 'PointerType': {
        const to = resolve(node.type, seen);
        if (to.kind === 'function') return { kind: 'fnptr', fn: to.node, isConst };
        return { kind: 'pointer', to, isConst };
      }
      case 'ArrayType': {
        const of = resolve(node.type, seen);
        const length = node.max === '' ? 0 : Number(node.max) + 1;
        return { kind: 'array', of, length, isConst };
      }
      case 'Struct':
      case 'Union':
        if (node.incomplete === '1') return { kind: 'opaque', name: node.name, isConst };
        return { kind: 'record', node, name: recordName(node), isConst };
      case 'FunctionType':
        return { kind: 'function', node };
      default:
        return { kind: 'unsupported', why: `a ${node.tag}` };
    }
  }

  function typedef(node, seen) {
    const name = node.name;
    if (handleStruct(node)) return { kind: 'handle', brand: name, name };
    const inner = resolve(node.type, seen);
    if (inner.kind === 'handle') return { ...inner, name };
    if (
      name === 'HANDLE' ||
      (inner.kind === 'pointer' && inner.to.kind === 'void' && /^H[A-Z0-9]+$/.test(name))
    ) {
      // HANDLE (void *) and the handles declared as its aliases (HGLOBAL, HLOCAL).
      return { kind: 'handle', brand: 'HANDLE', name };
    }
    if (inner.kind === 'fnptr') return { kind: 'callback', name, fn: inner.fn };
    if (inner.kind === 'callback') return inner;
    if (MEANINGFUL.has(name)) return { ...inner, meaning: MEANINGFUL.get(name), alias: MEANINGFUL.get(name) };
    if (handWritten.has(name) && (inner.kind === 'prim' || inner.kind === 'pointer'))
      return { ...inner, alias: name };
    return inner;
  }

  return { resolve, recordName, isHandleRecord, strip, typedefsOf, isWide: (prim) => WIDE.has(prim) };
}

/** The C spelling of a type as the header writes it (for documentation): `const WCHAR *`. */
export function spellC(nodes, id) {
  const node = nodes.get(id.replace(/c$/, ''));
  const constPrefix = id.endsWith('c') ? 'const ' : '';
  switch (node.tag) {
    case 'Typedef':
      return constPrefix + (node.name === 'WINBOOL' ? 'BOOL' : node.name);
    case 'FundamentalType':
      return (
        constPrefix +
        node.name
          .replace('long unsigned int', 'unsigned long')
          .replace('long int', 'long')
          .replace('short unsigned int', 'unsigned short')
          .replace('short int', 'short')
          .replace('long long unsigned int', 'unsigned long long')
          .replace('long long int', 'long long')
      );
    case 'CvQualifiedType':
      return `${node.const === '1' ? 'const ' : ''}${spellC(nodes, node.type)}`;
    case 'ElaboratedType': {
      const inner = nodes.get(node.type.replace(/c$/, ''));
      const keyword = inner.tag === 'Union' ? 'union' : inner.tag === 'Enumeration' ? 'enum' : 'struct';
      return `${constPrefix}${keyword} ${inner.name || '{…}'}`;
    }
    case 'PointerType': {
      const pointee = nodes.get(node.type.replace(/c$/, ''));
      if (pointee.tag === 'FunctionType') return `${spellC(nodes, pointee.returns)} (*)(…)`;
      return `${spellC(nodes, node.type)} *${constPrefix ? 'const' : ''}`;
    }
    case 'ArrayType':
      return `${spellC(nodes, node.type)}[${node.max === '' ? '' : Number(node.max) + 1}]`;
    case 'Struct':
    case 'Union':
    case 'Enumeration':
      return constPrefix + (node.name || '{…}');
    default:
      return node.tag;
  }
}
