import type { Allocator } from '../allocators/allocator.js';
import { calloc } from '../allocators/system-allocator.js';
import { describeValue, InvalidArgumentError, SuppressedError } from '../errors.js';
import { Arena, SCOPED_ARENA } from './arena.js';

/** Options that mark an arena as scoped: `using` always releases it, so it is never tracked. */
export const SCOPED = { [SCOPED_ARENA]: true } as const;

/** Releases `arena` after `body` threw `error`, and rethrows: release failures are chained. */
function releaseAndRethrow(arena: Arena, error: unknown): never {
  try {
    arena.releaseAll();
  } catch (releaseError) {
    throw new SuppressedError(releaseError, error);
  }
  throw error;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

/** Runs `body` with `arena`, releasing it when `body` returns, throws, or its promise settles. */
export function runInArena<R>(arena: Arena, body: (arena: Arena) => R): R {
  let result: R;
  try {
    result = body(arena);
  } catch (error) {
    releaseAndRethrow(arena, error);
  }
  if (isPromiseLike(result)) {
    return Promise.resolve(result).then(
      (value) => {
        arena.releaseAll();
        return value;
      },
      (error: unknown) => releaseAndRethrow(arena, error),
    ) as R;
  }
  arena.releaseAll();
  return result;
}

/**
 * Runs `fn` with a new arena and releases the arena when `fn` is done: when it returns, when it
 * throws, or — if it returns a promise — once the promise settles. Returns what `fn` returns.
 * Errors propagate after everything is released.
 *
 * @param allocator where the arena's memory comes from (default `calloc`).
 * @example
 * ```ts
 * const created = using((arena) => {
 *   const times = arena.alloc(FILETIME, 4);
 *   …
 *   return toDate(times.ref);
 * });
 * const text = await using(async (arena) => readAll(await open(arena)));
 * ```
 */
export function using<R>(fn: (arena: Arena) => Promise<R>, allocator?: Allocator): Promise<R>;
export function using<R>(fn: (arena: Arena) => R, allocator?: Allocator): R;
export function using<R>(fn: (arena: Arena) => R, allocator: Allocator = calloc): R {
  if (typeof fn !== 'function')
    throw new InvalidArgumentError(`using needs a function; got ${describeValue(fn)}.`);
  return runInArena(new Arena(allocator, SCOPED), fn);
}
