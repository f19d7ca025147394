// Bun and Deno for the test and benchmark lanes, each installed from npm at the version pinned
// here (the npm packages `bun` and `deno` carry the binaries) and cached in
// ~/.cache/ffi-arena-runtimes (FFI_ARENA_RUNTIME_CACHE).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Deno: the permissions ffi-arena needs (ffi, read, env) and what the suites and benchmarks do
 * besides (start child processes, write temporary files); node_modules as npm installed it; V8's
 * gc() for the suites that collect garbage.
 */
const DENO_FLAGS = [
  '--node-modules-dir=manual',
  '--allow-ffi',
  '--allow-read',
  '--allow-env',
  '--allow-run',
  '--allow-write',
  '--v8-flags=--expose-gc',
];

/** The pinned versions, and the arguments that run a program (`run`) or a test file (`test`). */
export const RUNTIMES = {
  bun: { version: '1.4.5', run: [], test: ['test', '--timeout', '120000'] },
  deno: {
    version: '2.9.6',
    run: ['run', ...DENO_FLAGS],
    // --no-check: the compiled JavaScript runs; `npm test` type-checks the sources.
    test: ['test', '--no-check', ...DENO_FLAGS],
  },
};

/** The cache folder for runtimes fetched from npm. */
export function runtimeCache() {
  return process.env.FFI_ARENA_RUNTIME_CACHE ?? join(homedir(), '.cache', 'ffi-arena-runtimes');
}

/** The runtime's binary, installed from npm into the cache on first use. */
export function installRuntime(name) {
  const { version } = RUNTIMES[name];
  const prefix = join(runtimeCache(), `${name}-${version}`);
  const binary = join(prefix, 'node_modules', '.bin', name);
  if (!existsSync(binary)) {
    mkdirSync(prefix, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const args = [
      'install',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--no-save',
      `${name}@${version}`,
    ];
    const result = spawnSync(npm, args, { stdio: 'inherit' });
    if (result.status !== 0 || !existsSync(binary))
      throw new Error(`could not install ${name}@${version} from npm`);
  }
  return binary;
}
