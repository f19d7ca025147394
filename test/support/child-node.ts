// Runs a child process of the runtime running the suite (Node, Bun or Deno) and collects what it
// printed. Output goes through files, not pipes: Windows node.exe under Wine cannot write to a pipe
// (EBADF), and files work everywhere.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runtime } from './runtime.js';

export interface ChildResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * What the runtime needs before a program's path. Deno: the permissions ffi-arena needs, and
 * node_modules as npm installed it (a program outside the project finds no package.json).
 */
const RUN_ARGS: Record<typeof runtime, readonly string[]> = {
  node: [],
  bun: [],
  deno: ['run', '--node-modules-dir=manual', '--allow-ffi', '--allow-read', '--allow-env'],
};

function run(
  dir: string,
  program: string,
  env: NodeJS.ProcessEnv,
  denoPermissions: readonly string[],
  nodeOptions: readonly string[] = [],
): ChildResult {
  const [out, err] = [join(dir, 'stdout'), join(dir, 'stderr')];
  const [outFd, errFd] = [openSync(out, 'w'), openSync(err, 'w')];
  let status: number | null;
  try {
    const args = [
      ...RUN_ARGS[runtime],
      ...(runtime === 'deno' ? denoPermissions : []),
      ...(runtime === 'node' ? nodeOptions : []),
      program,
    ];
    status = spawnSync(process.execPath, args, { stdio: ['ignore', outFd, errFd], env }).status;
  } finally {
    closeSync(outFd);
    closeSync(errFd);
  }
  return { status, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
}

function inTemporaryFolder<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'ffi-arena-child-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the program at `path` in a child process. `denoPermissions`: what the program does besides
 * using ffi-arena (`--allow-run` to start gcc, say), granted under Deno.
 */
export function runFile(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
  denoPermissions: readonly string[] = [],
): ChildResult {
  return inTemporaryFolder((dir) => run(dir, path, env, denoPermissions));
}

/**
 * Runs ES module `source` (top-level `await` allowed) in a child process. `nodeOptions`: options
 * for node itself (`--print-bytecode`, say), given only when the suite runs under Node.
 */
export function runModule(
  source: string,
  env: NodeJS.ProcessEnv = process.env,
  nodeOptions: readonly string[] = [],
): ChildResult {
  return inTemporaryFolder((dir) => {
    const program = join(dir, 'program.mjs');
    writeFileSync(program, source);
    return run(dir, program, env, [], nodeOptions);
  });
}
