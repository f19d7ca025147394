// What differs between the JavaScript runtimes the suite runs on: Node, Bun and Deno.
import { fileURLToPath } from 'node:url';

/** The runtime running the suite. */
export const runtime: 'node' | 'bun' | 'deno' =
  'Bun' in globalThis ? 'bun' : 'Deno' in globalThis ? 'deno' : 'node';

/**
 * A full garbage collection: `gc()` where V8 exposes it (`node --expose-gc`,
 * `deno --v8-flags=--expose-gc`), `Bun.gc(true)` on Bun.
 */
export function collectGarbage(): void {
  const { gc, Bun } = globalThis as { gc?: () => void; Bun?: { gc(force: boolean): void } };
  if (gc !== undefined) gc();
  else if (Bun !== undefined) Bun.gc(true);
  else throw new Error('no garbage collector to call: run node and deno with --expose-gc');
}

/**
 * A stack location (`file:line:column`) as a path: V8 prints file URLs for ES modules, Bun and
 * Deno's source-mapped frames print paths.
 */
export function locationPath(location: string): string {
  return location.startsWith('file:') ? fileURLToPath(location) : location;
}

/** How an allocation site's location starts in a report, on every runtime: a file URL or a path. */
export const SITE_START = '(?:file:|/|[A-Za-z]:)';
