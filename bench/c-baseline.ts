import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'c', 'baseline.c');

/** Compiles bench/c/baseline.c with gcc -O2 and runs it: nanoseconds per operation by name. */
export function runCBaseline(): Map<string, number> {
  const binary = join(mkdtempSync(join(tmpdir(), 'ffi-arena-bench-')), 'baseline');
  execFileSync('gcc', ['-O2', '-o', binary, source]);
  const output = execFileSync(binary, { encoding: 'utf8' });
  return new Map(Object.entries(JSON.parse(output) as Record<string, number>));
}
