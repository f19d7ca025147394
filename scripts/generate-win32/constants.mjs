// The headers' integer constants: object-like #defines whose expansion (by mingw's preprocessor)
// is an integer constant expression, and the values of their enums. A cast to a handle type gives
// a handle (`INVALID_HANDLE_VALUE`, `HKEY_CURRENT_USER`), to a string pointer a resource id
// (`IDC_ARROW`); `HRESULT`s are unsigned, as `HRESULT` results are.
import { evaluate } from './c-expression.mjs';
import { headerOf } from './castxml.mjs';
import { comment } from './docs.mjs';
import { isWindowsHeader } from './records.mjs';
import { headerSource, macroHeaders, preprocess } from './toolchain.mjs';

const C_WORDS = {
  char: { bits: 8, signed: true },
  'signed char': { bits: 8, signed: true },
  'unsigned char': { bits: 8, signed: false },
  short: { bits: 16, signed: true },
  'unsigned short': { bits: 16, signed: false },
  int: { bits: 32, signed: true },
  unsigned: { bits: 32, signed: false },
  'unsigned int': { bits: 32, signed: false },
  long: { bits: 32, signed: true },
  'unsigned long': { bits: 32, signed: false },
  'long long': { bits: 64, signed: true },
  'unsigned long long': { bits: 64, signed: false },
  __int64: { bits: 64, signed: true },
  'unsigned __int64': { bits: 64, signed: false },
  'signed int': { bits: 32, signed: true },
  'long int': { bits: 32, signed: true },
};
const PRIMITIVE_BITS = {
  i8: [8, true],
  u8: [8, false],
  i16: [16, true],
  u16: [16, false],
  i32: [32, true],
  u32: [32, false],
  i64: [64, true],
  u64: [64, false],
  usize: [64, false],
  isize: [64, true],
};

export function selectConstants(graph, types, taken, handWrittenTypes) {
  const typedefs = new Map();
  for (const node of graph.all)
    if (node.tag === 'Typedef' && !typedefs.has(node.name)) typedefs.set(node.name, node);

  function castType(words) {
    const plain = words.filter((word) => word !== 'const');
    if (plain.includes('*')) return { bits: 64, signed: false, pointer: true };
    const text = plain.join(' ');
    if (C_WORDS[text] !== undefined) return C_WORDS[text];
    if (plain.length !== 1 || !typedefs.has(text)) return undefined;
    const resolved = types.resolve(typedefs.get(text).id);
    if (resolved.kind === 'handle') return { bits: 64, signed: false, handle: resolved.name };
    if (resolved.kind === 'pointer' || resolved.kind === 'fnptr')
      return { bits: 64, signed: false, pointer: true };
    if (resolved.kind !== 'prim' || PRIMITIVE_BITS[resolved.prim] === undefined) return undefined;
    const [bits, signed] = PRIMITIVE_BITS[resolved.prim];
    return { bits, signed, hresult: text === 'HRESULT' };
  }

  // Every object-like macro of the headers, expanded by the preprocessor itself.
  const definitions = preprocess(headerSource(), ['-dM']);
  const names = [];
  for (const match of definitions.matchAll(/^#define ([A-Z][A-Za-z0-9_]*) (.+)$/gm)) {
    if (!taken.has(match[1])) names.push(match[1]);
  }
  const marker = 'ffi_arena_constant';
  const expanded = preprocess(
    `${headerSource()}\n${names.map((name) => `${marker} "${name}" = ${name} ;`).join('\n')}\n`,
  );
  const constants = [];
  const seen = new Set();
  const headers = macroHeaders();
  for (const match of expanded.matchAll(new RegExp(`^${marker} "(\\w+)" = (.*) ;$`, 'gm'))) {
    const [, name, expression] = match;
    // The compiler's own macros (WIN64) and the generator's -D flags are not the headers'.
    if (seen.has(name) || headers.get(name).startsWith('<')) continue;
    const result = evaluate(expression, castType);
    if (result === undefined) continue;
    seen.add(name);
    constants.push({ name, ...constantValue(result), source: 'define', header: headers.get(name) });
  }
  // Enum values (those the macros did not already give).
  for (const node of graph.all) {
    if (node.tag !== 'Enumeration' || !isWindowsHeader(graph, node)) continue;
    for (const value of node.children) {
      if (
        value.tag !== 'EnumValue' ||
        seen.has(value.name) ||
        taken.has(value.name) ||
        !/^[A-Za-z]\w*$/.test(value.name)
      )
        continue;
      seen.add(value.name);
      constants.push({
        name: value.name,
        ts: 'number',
        literal: formatNumber(BigInt(value.init)),
        enumName: node.name,
        source: 'enum',
        header: headerOf(graph, node),
      });
    }
  }
  for (const constant of constants)
    if (constant.handle !== undefined && !handWrittenTypes.has(constant.handle))
      constant.generatedHandle = true;
  constants.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const macros = new Set([...definitions.matchAll(/^#define (\w+)/gm)].map((match) => match[1]));
  return { constants, macros };
}

function formatNumber(value) {
  const magnitude = value < 0n ? -value : value;
  const text = magnitude >= 0x10000n ? `0x${magnitude.toString(16)}` : magnitude.toString();
  return value < 0n ? `-${text}` : text;
}

function constantValue({ value, type }) {
  if (type.handle !== undefined)
    return {
      ts: type.handle,
      handle: type.handle,
      literal: `${BigInt.asIntN(64, value)}n as ${type.handle}`,
    };
  if (type.pointer) {
    return value <= 0xffffn
      ? { ts: 'number', literal: formatNumber(value) }
      : { ts: 'bigint', literal: `${BigInt.asIntN(64, value)}n` };
  }
  if (type.hresult) return { ts: 'number', literal: formatNumber(BigInt.asUintN(32, value)) };
  if (type.bits > 32) return { ts: 'bigint', literal: `${formatNumber(value)}n` };
  return { ts: 'number', literal: formatNumber(value) };
}

/** The module name of a header's constants: `winuser.h` → `winuser`. */
export function constantsModule(header) {
  return header.replace(/\.h$/i, '').toLowerCase();
}

/** The module of one header's constants: `src/win32/generated/constants/winuser.ts`. */
export function emitConstants(header, constants) {
  const handWritten = [
    ...new Set(constants.filter((c) => c.handle !== undefined && !c.generatedHandle).map((c) => c.handle)),
  ].sort();
  const generated = [...new Set(constants.filter((c) => c.generatedHandle).map((c) => c.handle))].sort();
  const lines = [
    '// Generated by `npm run generate:win32` from the mingw-w64 headers: do not edit.',
    '/**',
    ` * The integer constants of \`${header}\`: its \`#define\`s and enum values.`,
    ' * @module',
    ' */',
    '/* biome-ignore-all format: generated */',
    handWritten.length > 0 ? `import type { ${handWritten.join(', ')} } from '../../types.js';` : '',
    generated.length > 0 ? `import type { ${generated.join(', ')} } from '../types.js';` : '',
    '',
  ].filter((line, index) => line !== '' || index > 7);
  for (const constant of constants) {
    const what =
      constant.source === 'enum'
        ? `A value of the enum \`${constant.enumName || '(anonymous)'}\`.`
        : `\`#define ${constant.name}\`.`;
    lines.push(comment([what, `@example \`const value = ${constant.name};\``]));
    lines.push(`export const ${constant.name} = ${constant.literal};`);
  }
  return `${lines.join('\n')}\n`;
}
