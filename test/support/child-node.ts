// Runs a child Node.js process and collects what it printed. Output goes through files, not pipes:
// Windows node.exe under Wine cannot write to a pipe (EBADF), and files work everywhere.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runNode(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildResult {
  const dir = mkdtempSync(join(tmpdir(), 'ffi-arena-child-'));
  try {
    const [out, err] = [join(dir, 'stdout'), join(dir, 'stderr')];
    const [outFd, errFd] = [openSync(out, 'w'), openSync(err, 'w')];
    let status: number | null;
    try {
      status = spawnSync(process.execPath, args, { stdio: ['ignore', outFd, errFd], env }).status;
    } finally {
      closeSync(outFd);
      closeSync(errFd);
    }
    return { status, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
