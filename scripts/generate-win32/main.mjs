// `npm run generate:win32`: reads the mingw-w64 Windows headers (castxml, gcc, nm) and writes the
// generated Win32 API (src/win32/generated/) and its oracle (test/win32/generated/). Deterministic:
// the same headers give the same files, which CI checks against the committed ones.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callbacksIn, selectCallbacks } from './callbacks.mjs';
import { headerOf, readCastxml } from './castxml.mjs';
import { constantsModule, emitConstants, selectConstants } from './constants.mjs';
import { emitTypes } from './emit-types.mjs';
import { exportMap } from './exports.mjs';
import { candidateFunctions, emitFunctionModule, resolveFunctions } from './functions.mjs';
import { emitOracle } from './oracle.mjs';
import { selectRecords } from './records.mjs';
import { createSignatures } from './signature.mjs';
import { castxmlOutput } from './toolchain.mjs';
import { createTypes } from './types.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'src', 'win32', 'generated');
const oracleOut = join(root, 'test', 'win32', 'generated');

/** The names the hand-written modules of src/win32 export (the generated ones leave them be). */
function handWrittenExports() {
  const names = new Set();
  for (const file of [
    'types.ts',
    'callbacks.ts',
    'constants.ts',
    'hresult.ts',
    'library.ts',
    'win32-error.ts',
    'text.ts',
    'structs.ts',
  ]) {
    const source = readFileSync(join(root, 'src', 'win32', file), 'utf8');
    for (const match of source.matchAll(/^export (?:const|function|type|interface|class) (\w+)/gm))
      names.add(match[1]);
  }
  return names;
}

/** The generated functions `ffi-arena/win32` exports itself (src/win32/functions.ts). */
const ENTRY_FUNCTIONS = new Set([
  'CreateWindowExW',
  'DefWindowProcW',
  'DeleteFileW',
  'DestroyWindow',
  'EnumWindows',
  'FileTimeToSystemTime',
  'FormatMessageW',
  'GetCurrentProcess',
  'GetLastError',
  'GetModuleHandleW',
  'GetProcAddress',
  'GetProcessTimes',
  'GetWindowPlacement',
  'IsZoomed',
  'LocalFree',
  'RegisterClassExW',
  'SetLastError',
  'ShowWindow',
  'UnregisterClassW',
]);

const started = Date.now();
const graph = readCastxml(castxmlOutput());
const handWrittenAll = handWrittenExports();
const handWrittenTypes = new Set(
  [...readFileSync(join(root, 'src', 'win32', 'types.ts'), 'utf8').matchAll(/^export const (\w+)/gm)].map(
    (m) => m[1],
  ),
);
const types = createTypes(graph, handWrittenTypes);
const exports = exportMap();

// Structs and unions.
const { emitted: records, leftOut: recordsLeftOut, fields } = selectRecords(graph, types);
const taken = new Set(handWrittenAll);
const emittedRecords = records.filter((record) => !taken.has(record.name));
for (const record of emittedRecords) taken.add(record.name);
// The structs src/win32/structs.ts declares by hand are used, not generated again.
const handWrittenStructs = new Set(
  [
    ...readFileSync(join(root, 'src', 'win32', 'structs.ts'), 'utf8').matchAll(
      /^export const (\w+) = struct\(/gm,
    ),
  ].map((m) => m[1]),
);
const recordNames = new Set([...emittedRecords.map((record) => record.name), ...handWrittenStructs]);

// Handles: every typedef that names one, but those src/win32/types.ts declares.
const handles = [];
for (const node of graph.all) {
  if (node.tag !== 'Typedef' || taken.has(node.name) || handWrittenTypes.has(node.name)) continue;
  const resolved = types.resolve(node.id);
  if (resolved.kind !== 'handle' || resolved.name !== node.name) continue;
  taken.add(node.name);
  handles.push({ name: node.name, brand: resolved.brand, header: headerOf(graph, node) });
}

// Functions (first without callback types, to know which callback types they use).
const { candidates, leftOut: functionsLeftOut } = candidateFunctions(graph, exports);
const wanted = new Set();
for (const { node } of candidates) {
  for (const child of node.children)
    if (child.tag === 'Argument') callbacksIn(types.resolve(child.type), wanted);
}
for (const record of emittedRecords) for (const field of record.fields) callbacksIn(field.type, wanted);
const firstPass = createSignatures(types, { records: recordNames, callbacks: new Set() });
const callbacks = selectCallbacks(graph, types, firstPass, wanted);
for (const callback of callbacks.list) taken.add(callback.name);
const signatures = createSignatures(types, { records: recordNames, callbacks: callbacks.names });
const resolved = resolveFunctions(
  graph,
  types,
  signatures,
  candidates.filter(({ node }) => !taken.has(node.name)),
);
const functions = resolved.functions;
for (const fn of functions) taken.add(fn.name);

// Constants: the headers' integer macros and enum values.
const { constants, macros } = selectConstants(graph, types, taken, handWrittenTypes);

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'functions'), { recursive: true });
mkdirSync(oracleOut, { recursive: true });
const recordsApi = {
  fields,
  names: recordNames,
  layout: (node) => ({ size: Number(node.size) / 8, align: Number(node.align) / 8 }),
};
writeFileSync(
  join(out, 'types.ts'),
  emitTypes({
    graph,
    records: emittedRecords,
    recordsApi,
    handles,
    callbacks,
    handWritten: handWrittenTypes,
    handWrittenStructs,
  }),
);
const dlls = [...new Set(functions.map((fn) => fn.dll))].sort();
const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
// The functions ffi-arena/win32 exports itself live in a module of their own, so that importing it
// costs those few declarations, not their DLLs' thousands; the DLL modules re-export them.
const entry = functions.filter((fn) => ENTRY_FUNCTIONS.has(fn.name)).sort(byName);
if (entry.length !== ENTRY_FUNCTIONS.size)
  throw new Error('generate-win32: an entry function was not generated');
writeFileSync(
  join(out, 'entry.ts'),
  emitFunctionModule(undefined, entry, handWrittenTypes, handWrittenStructs),
);
for (const dll of dlls) {
  const module = dll.replace(/\.(dll|drv)$/, '');
  const own = functions.filter((fn) => fn.dll === dll).sort(byName);
  const reexported = own.filter((fn) => ENTRY_FUNCTIONS.has(fn.name)).map((fn) => fn.name);
  const rest = own.filter((fn) => !ENTRY_FUNCTIONS.has(fn.name));
  writeFileSync(
    join(out, 'functions', `${module}.ts`),
    emitFunctionModule(dll, rest, handWrittenTypes, handWrittenStructs, reexported),
  );
}
// Constants by the header that defines them: thousands of named exports cost Node's module loader
// a few microseconds each, so one module of all ~26,000 would cost every user ~150 ms.
const constantHeaders = [...new Set(constants.map((constant) => constantsModule(constant.header)))].sort();
mkdirSync(join(out, 'constants'));
for (const module of constantHeaders) {
  const own = constants.filter((constant) => constantsModule(constant.header) === module);
  writeFileSync(join(out, 'constants', `${module}.ts`), emitConstants(own[0].header, own));
}
writeFileSync(
  join(out, 'index.ts'),
  [
    '// Generated by `npm run generate:win32`: do not edit. Re-exports only.',
    `export * from '../constants.js';`,
    ...constantHeaders.map((module) => `export * from './constants/${module}.js';`),
    ...dlls.map((dll) => `export * from './functions/${dll.replace(/\.(dll|drv)$/, '')}.js';`),
    `export * from './types.js';`,
    `export { ${[...handWrittenStructs].sort().join(', ')} } from '../structs.js';`,
    '',
  ].join('\n'),
);
writeFileSync(
  join(oracleOut, 'oracle.c'),
  emitOracle({ records: emittedRecords, fields, constants, macros }),
);
const summary = {
  functions: functions.length,
  win32Result: functions.filter((fn) => fn.setsLastError).length,
  perDll: Object.fromEntries(dlls.map((dll) => [dll, functions.filter((fn) => fn.dll === dll).length])),
  structsAndUnions: emittedRecords.length,
  handles: handles.length,
  callbackTypes: callbacks.list.length,
  constants: constants.length,
  leftOut: {
    functions: [...functionsLeftOut, ...resolved.leftOut].sort((a, b) => (a.name < b.name ? -1 : 1)),
    records: recordsLeftOut.sort((a, b) => (a.name < b.name ? -1 : 1)),
    callbacks: callbacks.leftOut,
  },
};
writeFileSync(join(oracleOut, 'summary.json'), `${JSON.stringify(summary, null, 1)}\n`);
console.log(
  `generate:win32: ${summary.functions} functions (${summary.win32Result} return Win32Result), ${summary.structsAndUnions} structs and unions, ${summary.handles} handle types, ${summary.callbackTypes} callback types, ${summary.constants} constants in ${Date.now() - started} ms`,
);
