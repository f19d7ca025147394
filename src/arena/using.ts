import type { Allocator } from '../allocators/allocator.js';
import { calloc } from '../allocators/system-allocator.js';
import { SuppressedError } from '../errors.js';
import { isPromiseLike } from '../settle.js';
import { requireFunction } from '../types/checks.js';
import { Arena, SCOPED_ARENA } from './arena.js';

/** Releases `arena` after `body` threw `error`, and rethrows: release failures are chained. */
function releaseAndRethrow(arena: Arena, error: unknown): never {
  try {
    arena.releaseAll();
  } catch (releaseError) {
    throw new SuppressedError(releaseError, error);
  }
  throw error;
}

/**
 * Calls a scope's body: one call site for every scope, made megamorphic as this module loads.
 * V8 then never inlines a body into `using()`, where it ran out of inlining budget before `.ref`
 * and the field accessors and so kept both objects of `arena.alloc(T).ref.x = v` (measured in a
 * program's first hot scope loop: 17 ns instead of 6). Each body is optimised on its own instead.
 */
function callBody<R>(body: (arena: Arena) => R, arena: Arena): R {
  return body(arena);
}
// Two different functions, called often enough for V8 to allocate the feedback (it does so lazily).
const primers = [() => undefined, () => null];
for (let i = 0; i < 32; i++) callBody(primers[i % 2] as () => unknown, undefined as never);

/** Runs `body` with `arena`, releasing it when `body` returns, throws, or its promise settles. */
export function runInArena<R>(arena: Arena, body: (arena: Arena) => R): R {
  // Written out rather than through afterSettled(): its three closures per scope cost 4–8 ns
  // on a path measured at 25–150 ns.
  let result: R;
  try {
    result = callBody(body, arena);
  } catch (error) {
    releaseAndRethrow(arena, error);
  }
  if (isPromiseLike(result)) return releaseWhenSettled(arena, result) as R;
  arena.releaseAll();
  return result;
}

/** Releases `arena` once `result` settles; the promise settles after that, the same way. */
function releaseWhenSettled<V>(arena: Arena, result: PromiseLike<V>): Promise<V> {
  return Promise.resolve(result).then(
    (value) => {
      arena.releaseAll();
      return value;
    },
    (error: unknown) => releaseAndRethrow(arena, error),
  );
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
  requireFunction(fn, 'using');
  return runInArena(new Arena(allocator, SCOPED_ARENA), fn);
}
