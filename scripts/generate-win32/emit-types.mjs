// Writes src/win32/generated/types.ts: the handle types, every generated struct and union (with
// its layout as computed and checked against castxml), and the callback types, in that order.
import { headerOf } from './castxml.mjs';
import { comment, learnLink } from './docs.mjs';
import { layoutOf, sizeAndAlign } from './layout.mjs';
import { spellC } from './types.mjs';

export const PRIMITIVES = [
  'u8',
  'i8',
  'u16',
  'i16',
  'u32',
  'i32',
  'u64',
  'i64',
  'f32',
  'f64',
  'bool',
  'usize',
  'isize',
];
const HAND_WRITTEN_CALLBACKS = new Set(['WNDPROC', 'WNDENUMPROC']);

export function emitTypes({
  graph,
  records,
  recordsApi,
  handles,
  callbacks,
  handWritten,
  handWrittenStructs,
}) {
  const structsUsed = new Set();
  const out = [];
  const primitivesUsed = new Set();
  const aliasesUsed = new Set();
  const handWrittenCallbacksUsed = new Set();

  /**
   * A field's type as record() reads it (`enc`: a name, `*type`, `[length]type`) and its TypeScript
   * type for StructType's F (`ts`); `nested` collects the texts of anonymous records it holds.
   */
  function field(type, owner, pack, nested) {
    switch (type.kind) {
      case 'prim': {
        if (type.alias !== undefined && handWritten.has(type.alias)) {
          aliasesUsed.add(type.alias);
          return { enc: type.alias, ts: `typeof ${type.alias}` };
        }
        primitivesUsed.add(type.prim);
        return { enc: type.prim, ts: `typeof ${type.prim}` };
      }
      case 'handle':
        if (handWritten.has(type.name)) aliasesUsed.add(type.name);
        return { enc: 'isize', ts: `typeof ${type.name}` }; // every handle is isize at run time
      case 'pointer': {
        if (type.alias !== undefined && handWritten.has(type.alias)) {
          aliasesUsed.add(type.alias);
          return { enc: type.alias, ts: `typeof ${type.alias}` };
        }
        const to = type.to;
        if (to.kind === 'record' && to.name !== undefined && recordsApi.names.has(to.name)) {
          if (handWrittenStructs.has(to.name)) structsUsed.add(to.name);
          return { enc: `*${to.name}`, ts: `PointerType<typeof ${to.name}>` };
        }
        if (['prim', 'handle', 'pointer'].includes(to.kind)) {
          const inner = field(to, owner, pack, nested);
          return { enc: `*${inner.enc}`, ts: `PointerType<${inner.ts}>` };
        }
        primitivesUsed.add('voidPtr');
        return { enc: 'voidPtr', ts: 'typeof voidPtr' };
      }
      case 'callback':
        if (HAND_WRITTEN_CALLBACKS.has(type.name)) {
          handWrittenCallbacksUsed.add(type.name);
          return { enc: `*${type.name}`, ts: `typeof ${type.name}` };
        }
        if (callbacks.names.has(type.name)) return { enc: `*${type.name}`, ts: `typeof ${type.name}` };
        primitivesUsed.add('voidPtr');
        return { enc: 'voidPtr', ts: 'typeof voidPtr' };
      case 'fnptr':
        primitivesUsed.add('voidPtr');
        return { enc: 'voidPtr', ts: 'typeof voidPtr' };
      case 'array': {
        const element = field(type.of, owner, pack, nested);
        return { enc: `[${type.length}]${element.enc}`, ts: `ArrayType<${element.ts}, ${type.length}>` };
      }
      case 'record':
        if (type.name !== undefined) {
          if (handWrittenStructs.has(type.name)) structsUsed.add(type.name);
          return { enc: type.name, ts: `typeof ${type.name}` };
        }
        return recordText(type.node, owner, pack, nested);
      default:
        throw new Error(`generate-win32: ${owner} has a field of kind ${type.kind}`);
    }
  }

  /**
   * A record's text for record() (`kind name size align pack,field type offset alignment,…`; a
   * bit-field adds `bitOffset width`, its offset being its storage unit's), its anonymous records'
   * texts pushed to `nested` first; and its TypeScript type.
   */
  function recordText(node, name, pack, nested) {
    const fields = recordsApi.fields(node);
    // Bit-fields' units and first bits as struct() places them (checked against castxml's bits).
    const layout = fields.some((member) => member.width !== undefined)
      ? layoutOf(node, recordsApi, pack)
      : undefined;
    const data = [];
    const members = [];
    for (const [index, member] of fields.entries()) {
      const { align } = sizeAndAlign(member.type, recordsApi, pack);
      const alignment = pack === undefined ? align : Math.min(align, pack);
      if (member.width !== undefined) {
        primitivesUsed.add(member.type.prim);
        const { offsets, bitOffsets } = layout;
        data.push(
          `${member.name} ${member.type.prim} ${offsets[index]} ${alignment} ${bitOffsets[index]} ${member.width}`,
        );
        members.push(`${member.name}: BitField<'${member.type.prim}'>`);
        continue;
      }
      const { enc, ts } = field(member.type, `${name}_${member.name}`, pack, nested);
      const offset = Number(member.node.offset) / 8;
      data.push(`${member.name} ${enc} ${offset} ${alignment}`);
      members.push(`${member.name}: ${ts}`);
    }
    const kind = node.tag === 'Union' ? 'union' : 'struct';
    const size = Number(node.size) / 8;
    const align = Number(node.align) / 8;
    nested.push([`${kind} ${name} ${size} ${align} ${pack ?? '-'}`, ...data].join(','));
    return {
      enc: name,
      ts: `StructType<{ ${members.join('; ')} }>`,
      kind,
      size,
      align,
      fieldsText: data.join(','),
    };
  }

  /** The C definition of a record, for its documentation. */
  function cDefinition(node, name, indent = '') {
    const keyword = node.tag === 'Union' ? 'union' : 'struct';
    const lines = [`${indent}${keyword} ${node.name || ''}${node.name ? ' ' : ''}{`];
    for (const member of recordsApi.fields(node)) {
      const type = member.type;
      if (type.kind === 'record' && type.name === undefined) {
        const inner = cDefinition(type.node, undefined, `${indent}  `);
        inner[inner.length - 1] += ` ${member.name};`;
        lines.push(...inner);
      } else {
        const width = member.width === undefined ? '' : ` : ${member.width}`;
        lines.push(`${indent}  ${declarator(spellC(graph.nodes, member.node.type), member.name)}${width};`);
      }
    }
    lines.push(`${indent}}${name === undefined ? '' : ` ${name};`}`);
    return lines;
  }

  out.push('// Handle types: distinct TypeScript types (an HWND is not an HKEY), pointer-sized at run time.');
  for (const handle of handles) {
    const declared =
      handle.brand === handle.name
        ? `DECLARE_HANDLE(${handle.name})`
        : `typedef ${handle.brand} ${handle.name}`;
    const lines = [
      `\`${declared}\` (${handle.header}): a handle, \`bigint\` at run time.`,
      '',
      `@example \`const value: ${handle.name} = 0n;\``,
    ];
    out.push(comment(lines));
    out.push(`export const ${handle.name} = isize;`);
    out.push(comment([`\`${handle.name}\` value.`, `@example \`let h: ${handle.name} | null = null;\``]));
    out.push(
      handle.brand === handle.name
        ? `export type ${handle.name} = Handle<'${handle.name}'>;`
        : `export type ${handle.name} = ${handle.brand};`,
    );
    primitivesUsed.add('isize');
  }

  out.push('', '// Structs and unions, each one after those it holds by value.');
  for (const entry of records) {
    const { node, name, pack } = entry;
    const header = headerOf(graph, node);
    const texts = [];
    const { ts, kind, size, align, fieldsText } = recordText(node, name, pack, texts);
    texts.pop(); // its own header: record() takes those as arguments
    const lines = [
      `The ${kind} \`${name}\` (\`${header}\`)${pack === undefined ? '' : `, packed (\`#pragma pack(${pack})\`)`}: ${Number(node.size) / 8} bytes, aligned to ${Number(node.align) / 8}.`,
      '```c',
      ...cDefinition(node, name),
      '```',
      `@see ${learnLink(header, 'ns', name)}`,
      `@example \`const p = arena.alloc(${name});\``,
    ];
    out.push(comment(lines));
    const text = [...texts, fieldsText].join(';');
    out.push(
      `export const ${name}: ${ts} = record('${kind}', '${name}', ${size}, ${align}, ${pack ?? 'undefined'}, '${text}');`,
    );
  }

  out.push(
    '',
    '// Callback types: a JavaScript function, `arena.callback` or `registerCallback` where C takes one.',
  );
  for (const callback of callbacks.list) {
    for (const name of callback.records) if (handWrittenStructs.has(name)) structsUsed.add(name);
    const typesOption = callback.records.size === 0 ? '' : `, '${[...callback.records].sort().join(' ')}'`;
    const lines = [
      `The callback type \`${callback.name}\` (\`${callback.header}\`):`,
      `\`${callback.c}\``,
      `@example \`const cb = arena.callback(${callback.name}, (${callback.params.map((p) => p.name).join(', ')}) => ${callback.exampleResult});\``,
    ];
    out.push(comment(lines));
    out.push(
      `export const ${callback.name}: FunctionType<(${callback.params.map((p) => `${p.name}: ${p.ts}`).join(', ')}) => ${callback.result}> = callbackTypeOf('${callback.sig}'${typesOption});`,
    );
  }

  // The same names for TypeScript: win32Library().func infers its types from them.
  const typeNames = [];
  const free = (name) => !handWritten.has(name) && !handWrittenStructs.has(name);
  for (const { name } of records) {
    typeNames.push(`    ${name}: typeof ${name};`);
    for (const pointer of [`P${name}`, `LP${name}`])
      if (free(pointer)) typeNames.push(`    ${pointer}: PointerType<typeof ${name}>;`);
  }
  for (const { name } of [...callbacks.list, ...handles]) typeNames.push(`    ${name}: typeof ${name};`);
  out.push(
    '',
    '// Every name above, known to win32Library().func declarations once this module is imported.',
    `declare module '../library.js' {\n  interface Win32GeneratedNames {\n${typeNames.join('\n')}\n  }\n}`,
  );
  out.push(
    '',
    '// Every name above, for the declarations of the generated functions (parsed on first call).',
    `addGeneratedNames('${handles.map(({ name }) => name).join(' ')}');`,
  );
  const head = [
    '// Generated by `npm run generate:win32` from the mingw-w64 headers: do not edit.',
    '/**',
    ' * The Win32 handle types, structs, unions and callback types, generated from the Windows headers.',
    ' * @module',
    ' */',
    '/* biome-ignore-all format: generated */',
    `import { ${[...primitivesUsed].sort().join(', ')} } from '../../types/primitives.js';`,
    `import type { BitField } from '../../types/bit-field.js';`,
    `import type { ArrayType, FunctionType, PointerType, StructType } from '../../types/type.js';`,
    `import type { Pointer } from '../../pointer/pointer.js';`,
    `import type { AnyType, PrimitiveType, VoidType } from '../../types/type.js';`,
    `import { ${[...handWrittenCallbacksUsed].sort().join(', ')} } from '../callbacks.js';`,
    `import { addGeneratedNames, callbackTypeOf, knownTypes, record } from '../generated-support.js';`,
    `import { ${[...structsUsed].sort().join(', ')} } from '../structs.js';`,
    `import { type Handle, ${[...aliasesUsed].sort().join(', ')} } from '../types.js';`,
    '',
    '// The hand-written types the records below name.',
    `knownTypes({ ${[...aliasesUsed, ...structsUsed, ...handWrittenCallbacksUsed].sort().join(', ')} });`,
    '',
  ];
  return `${head.join('\n')}\n${out.join('\n')}\n`;
}

/** `WCHAR szName[32]` from the type `WCHAR[32]` and the name. */
export function declarator(type, name) {
  const array = /^(.*?)((?:\[\d*\])+)$/.exec(type);
  if (array !== null) return `${array[1]} ${name}${array[2]}`;
  if (type.endsWith('(*)(…)')) return type.replace('(*)', `(*${name})`);
  return `${type} ${name}`;
}
