// `npm run test:bun` / `npm run test:deno`: the library's suites under Bun or Deno, installed from
// npm at the version pinned in runtimes.mjs. Runs the compiled suites in build/test (the package
// ships compiled JavaScript) with the runtime's own test runner, which runs node:test files. Never skips: a runtime that
// cannot be installed, or a suite that fails, fails the lane.
import { spawnSync } from 'node:child_process';
import { installRuntime, RUNTIMES } from './runtimes.mjs';

/**
 * The suites that run under every runtime: all but the Win32 suite (Windows only; the Wine lane
 * runs it). The gcc oracles need gcc, as under Node.
 */
const SUITES = [
  'allocators',
  'arena',
  'arena-lifetimes',
  'bad-input',
  'bad-input-matrix',
  'calls/declared-functions',
  'calls/inferred-types',
  'examples',
  'hresult',
  'inspection',
  'layout-oracle',
  'leaks',
  'pointer',
  'property/async-scopes',
  'strings',
  'types',
  'value-oracle',
  'worker-threads',
];

/**
 * The random operation sequences end by checking that the process's C heap (glibc mallinfo2) is
 * back where it started; under Deno the runtime's own allocations move it (19 MB over the run),
 * so that suite runs under Node and Bun.
 */
const SUITES_OF = {
  bun: [...SUITES, 'property/operation-sequences'],
  deno: SUITES,
};

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const name = process.argv[2];
if (!(name in RUNTIMES)) {
  console.error(`usage: node scripts/test-runtime.mjs ${Object.keys(RUNTIMES).join('|')}`);
  process.exit(2);
}
const binary = installRuntime(name);
if (run('npm', ['run', '--silent', 'build:test']) !== 0) process.exit(1);
// One process per suite file, as `node --test` does: suites share no state (Bun's runner would
// run them all in one process).
const failed = SUITES_OF[name].filter((suite) => {
  const file = `build/test/${suite}.test.js`;
  return run(binary, [...RUNTIMES[name].test, file], { env: { ...process.env, NO_COLOR: '1' } }) !== 0;
});
const version = `${name} ${RUNTIMES[name].version}`;
if (failed.length > 0) console.error(`test:${name}: FAILED under ${version}: ${failed.join(', ')}`);
else console.log(`test:${name}: ${SUITES_OF[name].length} suites passed under ${version}`);
process.exit(failed.length === 0 ? 0 : 1);
