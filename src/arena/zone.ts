import { AsyncLocalStorage } from 'node:async_hooks';
import type { Allocator } from '../allocators/allocator.js';
import { calloc } from '../allocators/system-allocator.js';
import { NoZoneArenaError } from '../errors.js';
import { requireFunction } from '../types/checks.js';
import { Arena, SCOPED_ARENA } from './arena.js';
import { runInArena } from './using.js';

const zone = new AsyncLocalStorage<Arena>();

/**
 * Runs `fn` with an ambient arena that every function in its synchronous or asynchronous call
 * chain reaches through `zoneArena()`, and releases it when `fn` (or its promise) is done. Zones
 * nest: the innermost one wins.
 *
 * @example
 * ```ts
 * await withZoneArena(async () => {
 *   const name = toNativeUtf16('x', zoneArena());
 *   await somethingThatAlsoAllocates(); // zoneArena() there is the same arena
 * });
 * ```
 */
export function withZoneArena<R>(fn: () => Promise<R>, allocator?: Allocator): Promise<R>;
export function withZoneArena<R>(fn: () => R, allocator?: Allocator): R;
export function withZoneArena<R>(fn: () => R, allocator: Allocator = calloc): R {
  requireFunction(fn, 'withZoneArena');
  const arena = new Arena(allocator, SCOPED_ARENA);
  return zone.run(arena, () => runInArena(arena, () => fn()));
}

/**
 * The arena of the innermost `withZoneArena` around the current call chain.
 * @throws NoZoneArenaError outside `withZoneArena`.
 * @example `await withZoneArena(async () => { const p = zoneArena().alloc(u32); });`
 */
export function zoneArena(): Arena {
  const arena = zone.getStore();
  if (arena === undefined) {
    throw new NoZoneArenaError(
      'zoneArena() was called outside withZoneArena(); wrap the call chain in withZoneArena(() => …).',
    );
  }
  return arena;
}
