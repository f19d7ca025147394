// The layers import one way (docs/architecture.md): no module of the library imports, directly or
// through others, a module that imports it. A cycle makes evaluation order depend on which module
// is loaded first, and it is what Node's require(esm) and bundlers handle worst. Type-only imports
// are erased from the compiled code and do not count.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const LIBRARY = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

/** The library modules `file` imports or re-exports (static imports of relative paths). */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = source.matchAll(/^\s*(?:import|export)\b[^'"]*?['"](\.{1,2}\/[^'"]+)['"]/gm);
  return [...specifiers].map((match) => join(dirname(file), match[1]!));
}

/** Every cycle found by a depth-first walk, as `a -> b -> a`. */
function cyclesOf(graph: Map<string, string[]>): string[] {
  const done = new Set<string>();
  const path: string[] = [];
  const cycles: string[] = [];
  const visit = (module: string): void => {
    const at = path.indexOf(module);
    if (at >= 0) {
      cycles.push([...path.slice(at), module].map((m) => relative(LIBRARY, m)).join(' -> '));
      return;
    }
    if (done.has(module)) return;
    path.push(module);
    for (const imported of graph.get(module) ?? []) visit(imported);
    path.pop();
    done.add(module);
  };
  for (const module of graph.keys()) visit(module);
  return cycles;
}

test('no module of the library imports itself through others', () => {
  const graph = new Map(modules(LIBRARY).map((file) => [file, importsOf(file)]));
  assert.ok(graph.size > 40, `found the compiled library (${graph.size} modules)`);
  assert.ok(
    importsOf(join(LIBRARY, 'pointer', 'pointer.js')).some((m) => m.endsWith('codecs.js')),
    'imports are read',
  );
  assert.deepEqual(cyclesOf(graph), []);
});
