import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './harness.js';

const source = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'c', 'baseline.c');

/**
 * Compiles bench/c/baseline.c with gcc -O2 (once) and runs it: per name, nanoseconds per operation
 * of each of its rounds. Called at several moments of a benchmark run, whose samples are then
 * pooled by {@link cFigures}: a C figure from one moment would carry that moment's noise into every
 * ratio over it.
 */
export function runCBaseline(): Map<string, number[]> {
  binary ??= compile();
  const output = execFileSync(binary, { encoding: 'utf8' });
  return new Map(Object.entries(JSON.parse(output) as Record<string, number[]>));
}

let binary: string | undefined;

function compile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ffi-arena-bench-')), 'baseline');
  execFileSync('gcc', ['-O2', '-o', path, source]);
  return path;
}

/** The median of each C figure over every round of every run. */
export function cFigures(runs: readonly Map<string, number[]>[]): Map<string, number> {
  const names = [...(runs[0]?.keys() ?? [])];
  return new Map(names.map((name) => [name, median(runs.flatMap((run) => run.get(name) ?? []))]));
}
