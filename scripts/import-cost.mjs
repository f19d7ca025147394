// `npm run bench:imports`: what importing each entry point costs, measured in fresh Node processes
// (the median of several, after `ffi-arena` itself is loaded, so each figure is what that entry
// point adds), and what TypeScript takes to check a small program that imports it. Given the path
// of another built checkout (`node scripts/import-cost.mjs ../older`), it measures
// `ffi-arena/win32` there too, interleaved with this one, for a before/after figure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const RUNS = Number(process.env.IMPORT_COST_RUNS ?? 7);

/** Entry points, and what a program typically imports together. */
const CASES = [
  ['ffi-arena/win32'],
  ['ffi-arena/win32/types'],
  ['ffi-arena/win32/kernel32'],
  ['ffi-arena/win32/user32'],
  ['ffi-arena/win32/constants/winuser'],
  ['ffi-arena/win32/constants/winnt'],
  ['ffi-arena/win32', 'ffi-arena/win32/kernel32', 'ffi-arena/win32/constants/winnt'],
  ['ffi-arena/win32/api'],
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function importMs(specifiers, after = ['ffi-arena'], cwd = root) {
  const script = `${after.map((specifier) => `await import('${specifier}');`).join('\n')}
const started = performance.now();
${specifiers.map((specifier) => `await import('${specifier}');`).join('\n')}
console.log(performance.now() - started);`;
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(result.stderr);
    times.push(Number(result.stdout));
  }
  return median(times);
}

function checkMs(specifiers) {
  const folder = mkdtempSync(join(tmpdir(), 'ffi-arena-import-cost-'));
  try {
    const program = `${specifiers.map((specifier, index) => `import * as m${index} from '${specifier}';`).join('\n')}
export const used = [${specifiers.map((_, index) => `m${index}`).join(', ')}].length;\n`;
    writeFileSync(join(folder, 'program.ts'), program);
    const options = { module: 'nodenext', target: 'ES2022', strict: true, skipLibCheck: true, noEmit: true };
    writeFileSync(
      join(folder, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: options, files: ['program.ts'] }),
    );
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ type: 'module' }));
    const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
    // The package resolves itself by name from a folder that links to it.
    spawnSync('mkdir', ['-p', join(folder, 'node_modules')]);
    spawnSync('ln', ['-s', root, join(folder, 'node_modules', 'ffi-arena')]);
    const started = performance.now();
    const result = spawnSync(process.execPath, [tsc, '-p', folder], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stdout + result.stderr);
    return performance.now() - started;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const base = importMs(['ffi-arena'], []);
console.log(`import 'ffi-arena' itself: ${base.toFixed(1)} ms (median of ${RUNS} fresh processes)`);
console.log('| imports | import (ms, after ffi-arena) | tsc --noEmit (s) |');
console.log('|---|---|---|');
for (const specifiers of CASES) {
  const ms = importMs(specifiers);
  const check = checkMs(specifiers) / 1000;
  console.log(
    `| ${specifiers.map((s) => `\`${s}\``).join(' + ')} | ${ms.toFixed(1)} | ${check.toFixed(1)} |`,
  );
}

const other = process.argv[2];
if (other !== undefined) {
  const rounds = [];
  for (let round = 0; round < 3; round++) {
    rounds.push([importMs(['ffi-arena/win32'], ['ffi-arena'], other), importMs(['ffi-arena/win32'])]);
  }
  const [before, now] = [0, 1].map((column) => median(rounds.map((round) => round[column])));
  console.log(
    `ffi-arena/win32 in ${other}: ${before.toFixed(1)} ms; here: ${now.toFixed(1)} ms (medians, interleaved)`,
  );
}
