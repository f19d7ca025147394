import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function scratch(name: string, source: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ffi-arena-test-'));
  const file = join(dir, `${name}.c`);
  writeFileSync(file, source);
  return { dir, file };
}

/** Compiles a C program with gcc and returns its standard output. */
export function compileAndRun(name: string, source: string): string {
  const { dir, file } = scratch(name, source);
  const binary = join(dir, name);
  execFileSync('gcc', ['-std=c11', '-O0', '-Wall', '-Werror', '-o', binary, file], { stdio: 'pipe' });
  return execFileSync(binary, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Compiles C source into a shared library and returns its path, for koffi.load. */
export function compileSharedLibrary(name: string, source: string): string {
  const { dir, file } = scratch(name, source);
  const library = join(dir, `lib${name}.so`);
  execFileSync('gcc', ['-std=c11', '-O1', '-Wall', '-Werror', '-shared', '-fPIC', '-o', library, file], {
    stdio: 'pipe',
  });
  return library;
}
