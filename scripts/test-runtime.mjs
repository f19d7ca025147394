// `npm run test:bun` / `test:deno` / `test:node-lts`: the library's suites under Bun, Deno or the
// current Node LTS, installed from npm at the version pinned in runtimes.mjs. Runs the compiled
// suites in build/test (the package ships compiled JavaScript) with the runtime's own test runner,
// which runs node:test files.
// Never skips: a runtime that cannot be installed, or a suite that fails, fails the lane.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { installRuntime, RUNTIMES } from './runtimes.mjs';

/**
 * Every suite runs, but these (paths under build/test, without `.test.js`), each for its reason:
 * - win32/: Windows only (the Wine lane runs it);
 * - import-graph: reads the compiled files, which are the same whatever runs it;
 * - property/operation-sequences under Deno: it ends by checking that the process's C heap
 *   (glibc mallinfo2) is back where it started, and Deno's own allocations move it (19 MB over
 *   the run);
 * - the same and property/async-scopes under the Node LTS: V8 13's own allocations move the C heap
 *   by a few megabytes and then stop (async-scopes: 1.2 MB after 1,000 trees, 5.0–5.2 MB after
 *   5,000, 5.4 MB after 10,000); the leak tracker's checks in them pass on Node 20.
 */
const LEFT_OUT = {
  bun: [/^win32\//, /^import-graph$/],
  deno: [/^win32\//, /^import-graph$/, /^property\/operation-sequences$/],
  'node-lts': [/^win32\//, /^import-graph$/, /^property\/(operation-sequences|async-scopes)$/],
};

/** The suites under build/test, as paths without `.test.js`. */
function suites(dir = 'build/test', prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return suites(join(dir, entry.name), `${prefix}${entry.name}/`);
    return entry.name.endsWith('.test.js') ? [prefix + entry.name.slice(0, -'.test.js'.length)] : [];
  });
}

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
const chosen = suites()
  .filter((suite) => !LEFT_OUT[name].some((pattern) => pattern.test(suite)))
  .sort();
// One process per suite file, as `node --test` does: suites share no state (Bun's runner would
// run them all in one process).
const failed = chosen.filter((suite) => {
  const file = `build/test/${suite}.test.js`;
  return run(binary, [...RUNTIMES[name].test, file], { env: { ...process.env, NO_COLOR: '1' } }) !== 0;
});
const version = `${name} ${RUNTIMES[name].version}`;
if (failed.length > 0) console.error(`test:${name}: FAILED under ${version}: ${failed.join(', ')}`);
else console.log(`test:${name}: ${chosen.length} suites passed under ${version}: ${chosen.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
