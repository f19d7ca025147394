// `npm run test:package`: the package as users get it. Lints it (publint --strict, and
// @arethetypeswrong/cli on the packed tarball), then packs it, installs the tarball alone into an
// empty project, type-checks a program against every entry point under each module setting a
// user may have, and runs it, on this Node and on the oldest Node that `engines` allows (where
// `require()` of an ES module is on by default), fetched from npm and cached.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './runtimes.mjs';

/** The lower bound of `engines`: Node 20 turned `require()` of ES modules on by default in 20.19.0. */
const OLDEST_NODE = '20.19.0';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${[command, ...args].join(' ')} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Uses every entry point, and fails to compile if their types were `any`. */
const PROGRAM = `import { calloc, free, type Pointer, struct, u32, using } from 'ffi-arena';
import { expectNoLeaks } from 'ffi-arena/testing';
import { POINT, win32Library } from 'ffi-arena/win32';
import { WM_CLOSE } from 'ffi-arena/win32/constants/winuser';
import { GetCurrentProcessId } from 'ffi-arena/win32/kernel32';
import { SYSTEM_INFO } from 'ffi-arena/win32/types';

declare const console: { log(...values: unknown[]): void };

// The generated API's subpaths: a DLL's functions, the structs, a header's constants.
const processId: () => number = GetCurrentProcessId;
// @ts-expect-error a constant is a number, not a string
const wrong: string = WM_CLOSE;
if (typeof processId !== 'function' || SYSTEM_INFO.size !== 48 || WM_CLOSE !== 16 || typeof wrong !== 'number') {
  throw new Error('the ffi-arena/win32 subpaths are wrong');
}

const PAIR = struct('PAIR', { a: u32, b: u32 });
const total: number = using((arena) => {
  const pair: Pointer<typeof PAIR> = arena.alloc(PAIR);
  pair.ref.a = 2;
  pair.ref.b = 3;
  // @ts-expect-error PAIR has no field c: the types are real, not any
  pair.ref.c = 4;
  return pair.ref.a + pair.ref.b;
});
expectNoLeaks(() => {
  const point = calloc.alloc(POINT);
  point.ref.x = -1;
  free(point);
});
const kernel32 = win32Library('kernel32.dll'); // declaring works everywhere; calls are Windows only
console.log(\`ffi-arena works: \${total} \${typeof kernel32.func}\`);
`;

/**
 * \`module: node16\` in a CommonJS project: TypeScript refuses a static import of an ES module
 * there (it predates require(esm)), so the documented answer is a dynamic import.
 */
const NODE16_CJS_PROGRAM = `import type { Pointer } from 'ffi-arena' with { 'resolution-mode': 'import' };

declare const console: { log(...values: unknown[]): void };

async function main(): Promise<void> {
  const { calloc, free, u32 } = await import('ffi-arena');
  const { expectNoLeaks } = await import('ffi-arena/testing');
  const { POINT } = await import('ffi-arena/win32');
  const { GetCurrentProcessId } = await import('ffi-arena/win32/kernel32');
  const { SYSTEM_INFO } = await import('ffi-arena/win32/types');
  const { WM_CLOSE } = await import('ffi-arena/win32/constants/winuser');
  if (typeof GetCurrentProcessId !== 'function' || SYSTEM_INFO.size !== 48 || WM_CLOSE !== 16) {
    throw new Error('the ffi-arena/win32 subpaths are wrong');
  }
  const p: Pointer<typeof u32> = calloc.alloc(u32);
  p.value = 5;
  expectNoLeaks(() => free(calloc.alloc(POINT)));
  console.log(\`ffi-arena works: \${p.value} function\`);
  free(p);
}
void main();
`;

/** Plain CommonJS: require() of every entry point. */
const REQUIRE_PROGRAM = `const { calloc, free, u32, using } = require('ffi-arena');
const { expectNoLeaks } = require('ffi-arena/testing');
const { POINT, win32Library } = require('ffi-arena/win32');
const { GetCurrentProcessId } = require('ffi-arena/win32/kernel32');
const { SYSTEM_INFO } = require('ffi-arena/win32/types');
const { WM_CLOSE } = require('ffi-arena/win32/constants/winuser');
if (typeof GetCurrentProcessId !== 'function' || SYSTEM_INFO.size !== 48 || WM_CLOSE !== 16) {
  throw new Error('the ffi-arena/win32 subpaths are wrong');
}
const total = using((arena) => { const p = arena.alloc(u32); p.value = 5; return p.value; });
expectNoLeaks(() => free(calloc.alloc(POINT)));
console.log(\`ffi-arena works: \${total} \${typeof win32Library('kernel32.dll').func}\`);
`;

const BASE_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2022', 'ESNext.Disposable'],
  strict: true,
  skipLibCheck: false, // check ffi-arena's declarations too
  types: [], // and without @types/node: the declarations must not need it
};

const PROJECTS = [
  { name: 'esm-nodenext', type: 'module', options: { module: 'nodenext' }, program: PROGRAM },
  { name: 'cjs-nodenext', type: 'commonjs', options: { module: 'nodenext' }, program: PROGRAM },
  {
    name: 'esm-bundler',
    type: 'module',
    options: { module: 'esnext', moduleResolution: 'bundler' },
    program: PROGRAM,
  },
  { name: 'cjs-node16', type: 'commonjs', options: { module: 'node16' }, program: NODE16_CJS_PROGRAM },
  // TypeScript's oldest resolution, without package exports: typesVersions maps the subpaths.
  {
    name: 'cjs-node10',
    type: 'commonjs',
    options: { module: 'commonjs', moduleResolution: 'node10' },
    program: PROGRAM,
  },
];

/** Every source map in the installed package points at files the package ships. */
function checkSourceMaps(packageFolder) {
  const maps = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.map')) maps.push(path);
    }
  };
  walk(packageFolder);
  for (const map of maps) {
    for (const source of JSON.parse(readFileSync(map, 'utf8')).sources) {
      if (!existsSync(resolve(dirname(map), source)))
        throw new Error(`${map} points at ${source}, not shipped`);
    }
  }
  return maps.length;
}

const expected = /^ffi-arena works: 5 function$/m;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (!manifest.engines.node.startsWith(`^${OLDEST_NODE} `)) {
  throw new Error(`engines.node (${manifest.engines.node}) does not start at ${OLDEST_NODE}`);
}
const nodes = [process.execPath, nodeBinary(OLDEST_NODE)];
const versions = nodes.map((node) => run(node, ['--version']).trim());

console.log('test:package: publint --strict');
process.stdout.write(run('npx', ['--no-install', 'publint', '--strict'], { cwd: root }));
// node16 from CommonJS: TypeScript's node16 mode has no require() of ES modules (TypeScript 5.8's
// nodenext and 5.9's node20 do), so attw reports "dynamic import only" there; the README says
// what to do, and the cjs-node16 project below checks that it works.
console.log('test:package: attw --pack');
process.stdout.write(
  run('npx', ['--no-install', 'attw', '--pack', '.', '--ignore-rules', 'cjs-resolves-to-esm'], { cwd: root }),
);

const work = mkdtempSync(join(tmpdir(), 'ffi-arena-package-'));
try {
  const tarball = join(
    work,
    run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root }).trim(),
  );
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: project });
  const installed = readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'));
  console.log(`test:package: ${tarball.split(/[\\/]/).pop()} installed alone: ${installed.join(', ')}`);
  const maps = checkSourceMaps(join(project, 'node_modules', 'ffi-arena'));
  console.log(`test:package: ${maps} source maps, each pointing at shipped files`);

  const programs = [];
  for (const { name, type, options, program } of PROJECTS) {
    const folder = join(project, name);
    mkdirSync(folder);
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ type }));
    writeFileSync(join(folder, 'program.ts'), program);
    const compilerOptions = { ...BASE_OPTIONS, ...options, outDir: 'out' };
    writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['program.ts'] }));
    run(process.execPath, [tsc, '-p', folder]);
    const emitted = readFileSync(join(folder, 'out', 'program.js'), 'utf8');
    const loads = /require\(['"]ffi-arena['"]\)/.test(emitted)
      ? 'require()'
      : /import\(['"]ffi-arena['"]\)/.test(emitted)
        ? 'import()'
        : 'import';
    console.log(`test:package: ${name}: type-checked, compiled to ${loads}`);
    programs.push({ name, file: join(folder, 'out', 'program.js') });
  }
  writeFileSync(join(project, 'require.cjs'), REQUIRE_PROGRAM);
  programs.push({ name: 'require.cjs', file: join(project, 'require.cjs') });

  for (const { name, file } of programs) {
    nodes.forEach((node, i) => {
      const output = run(node, [file], { cwd: project });
      if (!expected.test(output)) throw new Error(`${name} under Node ${versions[i]} printed:\n${output}`);
      console.log(`test:package: ${name} runs under Node ${versions[i]}`);
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log('test:package: passed');
