// Which functions are generated (declared with dllimport in the covered headers, exported by one
// of the system DLLs, not variadic, every parameter expressible) and their per-DLL modules.
import { headerOf } from './castxml.mjs';
import { comment, learnLink } from './docs.mjs';
import { declarator } from './emit-types.mjs';
import { setsLastError } from './last-error.mjs';
import { isWindowsHeader } from './records.mjs';
import { parameterName } from './signature.mjs';
import { spellC } from './types.mjs';

/** The dllimport functions of the headers that a DLL exports, and the reasons for the others. */
export function candidateFunctions(graph, exports) {
  const candidates = [];
  const leftOut = [];
  const seen = new Set();
  for (const node of graph.all) {
    if (node.tag !== 'Function' || seen.has(node.name)) continue;
    if (!isWindowsHeader(graph, node)) continue;
    seen.add(node.name);
    // dllimport ones, and extern ones (STDAPI: SHGetKnownFolderPath) that a DLL exports.
    if (node.inline === '1' || node.static === '1') {
      leftOut.push({ name: node.name, why: 'an inline function (no DLL exports it)' });
      continue;
    }
    const dll = exports.get(node.name);
    if (dll === undefined) {
      if (!(node.attributes ?? '').split(' ').includes('dllimport')) continue; // the C runtime's, and macros' helpers
      leftOut.push({ name: node.name, why: 'not exported by the covered DLLs' });
      continue;
    }
    if (node.children.some((child) => child.tag === 'Ellipsis')) {
      leftOut.push({ name: node.name, why: 'variadic (a fixed declaration of it is undefined behaviour)' });
      continue;
    }
    candidates.push({ node, dll, header: headerOf(graph, node) });
  }
  return { candidates, leftOut };
}

/** Resolves each candidate's parameters and result; those with one ffi-arena cannot pass are left out. */
export function resolveFunctions(graph, types, signatures, candidates) {
  const functions = [];
  const leftOut = [];
  for (const { node, dll, header } of candidates) {
    const resultType = types.resolve(node.returns);
    const result = signatures.ofFunction(resultType);
    const params = node.children
      .filter((child) => child.tag === 'Argument')
      .map((argument, index) => ({
        name: parameterName(argument.name, index),
        argument,
        spelled: signatures.ofFunction(types.resolve(argument.type)),
      }));
    const problem = [result, ...params.map((param) => param.spelled)].find(
      (part) => part.unsupported !== undefined,
    );
    if (problem !== undefined) {
      leftOut.push({ name: node.name, why: `takes or returns ${problem.unsupported}` });
      continue;
    }
    const cParams = params.map((param) =>
      declarator(spellC(graph.nodes, param.argument.type), param.argument.name ?? ''),
    );
    functions.push({
      name: node.name,
      dll,
      header,
      result,
      params,
      setsLastError: setsLastError(node.name, dll, resultType),
      c: `${spellC(graph.nodes, node.returns)} ${node.name}(${cParams.length === 0 ? 'void' : cParams.join(', ')})`,
    });
  }
  return { functions, leftOut };
}

/** One module per DLL: `src/win32/generated/functions/user32.ts`. */
/**
 * A module of functions: one DLL's (`dll`), or the entry module's (`dll` undefined) that
 * `ffi-arena/win32` itself exports. `reexported` names are the entry module's, re-exported.
 */
export function emitFunctionModule(dll, functions, handWritten, handWrittenStructs, reexported = []) {
  const variableOf = (file) => file.replace(/\.dll$/, '').replace(/[^A-Za-z0-9_]/g, '_');
  const records = new Set();
  const handles = new Set();
  const callbacks = new Set();
  const body = [];
  for (const fn of functions) {
    for (const part of [fn.result, ...fn.params.map((param) => param.spelled)]) {
      for (const name of part.used.records) records.add(name);
      for (const name of part.used.handles) handles.add(name);
      for (const name of part.used.callbacks) callbacks.add(name);
    }
    const result = fn.setsLastError ? `Win32Result<${fn.result.res}>` : fn.result.res;
    const tsParams = fn.params.map((param) => `${param.name}: ${param.spelled.arg}`).join(', ');
    const sig = `${fn.result.sig} ${fn.name}(${fn.params.map((param) => `${param.spelled.sig} ${param.name}`).join(', ')})`;
    const lines = [
      `\`${fn.c}\``,
      '',
      `Declared in \`${fn.header}\`, exported by \`${fn.dll}\`.${fn.setsLastError ? ' Sets the last error: returns a `Win32Result`.' : ''}`,
      `@see ${learnLink(fn.header, 'nf', fn.name)}`,
      `@example \`${fn.setsLastError ? 'const { value, error } = ' : ''}${fn.name}(${fn.params.map((param) => param.name).join(', ')});\``,
    ];
    body.push(comment(lines));
    body.push(
      `export const ${fn.name}: (${tsParams}) => ${result} = ${variableOf(fn.dll)}('${fn.name}', '${sig}', ${fn.setsLastError});`,
    );
  }
  const all = (code) =>
    [...functions.flatMap((fn) => [fn.result, ...fn.params.map((p) => p.spelled)])].some(
      (part) => (part.arg ?? '').includes(code) || (part.res ?? '').includes(code),
    );
  const typeNames = ['AnyType', 'PointerType', 'PrimitiveType', 'VoidType'].filter((name) => all(name));
  const textNames = ['AnsiTextArgument', 'CallbackArgument', 'WideTextArgument'].filter((name) => all(name));
  const callNames = ['ArgumentOf', 'CopiedValue', 'ResultOf'].filter((name) => all(name));
  const handWrittenHandles = [...handles].filter((name) => handWritten.has(name)).sort();
  const handWrittenCallbacks = [...callbacks]
    .filter((name) => name === 'WNDPROC' || name === 'WNDENUMPROC')
    .sort();
  const handWrittenRecords = [...records].filter((name) => handWrittenStructs.has(name)).sort();
  const generated = [
    ...[...records].filter((name) => !handWrittenStructs.has(name)),
    ...[...callbacks].filter((name) => !handWrittenCallbacks.includes(name)),
    ...[...handles].filter((name) => !handWritten.has(name)),
  ].sort();
  // A DLL's module is in generated/functions/, the entry module in generated/.
  const generatedFolder = dll === undefined ? '.' : '..';
  const win32 = `${generatedFolder}/..`;
  const src = `${win32}/..`;
  const head = [
    '// Generated by `npm run generate:win32` from the mingw-w64 headers: do not edit.',
    '/**',
    dll === undefined
      ? ' * The generated functions `ffi-arena/win32` exports itself, each declared on its first call.'
      : ` * The functions of \`${dll}\` that the covered Windows headers declare, each declared on its first call.`,
    ' * @module',
    ' */',
    '/* biome-ignore-all format: generated */',
    callNames.length > 0
      ? `import type { ${callNames.join(', ')} } from '${src}/calls/signature-types.js';`
      : '',
    all('Pointer') ? `import type { Pointer } from '${src}/pointer/pointer.js';` : '',
    typeNames.length > 0 ? `import type { ${typeNames.join(', ')} } from '${src}/types/type.js';` : '',
    `import { win32Functions } from '${win32}/library.js';`,
    textNames.length > 0 ? `import type { ${textNames.join(', ')} } from '${win32}/text.js';` : '',
    handWrittenHandles.length > 0
      ? `import type { ${handWrittenHandles.join(', ')} } from '${win32}/types.js';`
      : '',
    handWrittenRecords.length > 0
      ? `import type { ${handWrittenRecords.join(', ')} } from '${win32}/structs.js';`
      : '',
    handWrittenCallbacks.length > 0
      ? `import type { ${handWrittenCallbacks.join(', ')} } from '${win32}/callbacks.js';`
      : '',
    functions.some((fn) => fn.setsLastError)
      ? `import type { Win32Result } from '${win32}/win32-error.js';`
      : '',
    generated.length > 0 ? `import type { ${generated.join(', ')} } from '${generatedFolder}/types.js';` : '',
    // The generated records and callback types, by name, for declarations parsed on first call.
    generated.length > 0 ? `import '${generatedFolder}/types.js';` : '',
  ].filter((line) => line !== '');
  head.push('');
  if (reexported.length > 0) head.push(`export { ${reexported.join(', ')} } from '../entry.js';`, '');
  for (const file of [...new Set(functions.map((fn) => fn.dll))].sort()) {
    head.push(`const ${variableOf(file)} = win32Functions('${file}');`);
  }
  head.push('');
  return `${head.join('\n')}\n${body.join('\n')}\n`;
}
