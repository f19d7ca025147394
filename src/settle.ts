/** True for promises and other thenables. */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

/**
 * Runs `body`, then `onDone` once it has returned or, if it returned a promise, once that has
 * resolved; `onFail` (which throws) if it threw or rejected. Returns what `onDone` returns — a
 * promise exactly when `body` returned one: one code path for synchronous and asynchronous
 * callbacks (`LeakTracker.track`, `expectNoLeaks`).
 */
export function afterSettled<R, T>(
  body: () => R,
  onDone: (value: Awaited<R>) => T,
  onFail: (error: unknown) => never,
): T | Promise<T> {
  let result: R;
  try {
    result = body();
  } catch (error) {
    return onFail(error);
  }
  if (isPromiseLike(result)) return Promise.resolve(result).then(onDone as (value: unknown) => T, onFail);
  return onDone(result as Awaited<R>);
}
