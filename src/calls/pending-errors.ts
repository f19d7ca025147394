/**
 * Errors raised inside a callback cannot cross native frames: the callback returns zero to C, and
 * the error waits here until the declared call that entered native code returns, which throws it.
 * A callback that runs outside any declared call (koffi runs calls from other threads on the event
 * loop) rethrows its error asynchronously, as an uncaught exception, rather than losing it.
 */
export const callState = {
  /** Declared calls in progress on this thread (callbacks may call declared functions). */
  depth: 0,
  /** The first error a callback raised during the declared call in progress, if any. */
  error: undefined as unknown,
  /** True when `error` holds one: `undefined` can itself be thrown. */
  hasError: false,
};

/** Keeps `error` for the declared call in progress (the first one wins). */
export function stashCallbackError(error: unknown): void {
  if (callState.depth === 0) {
    queueMicrotask(() => {
      throw error;
    });
    return;
  }
  if (!callState.hasError) {
    callState.hasError = true;
    callState.error = error;
  }
}

/** Throws the error a callback raised during the call that just returned. */
export function throwCallbackError(): never {
  const error = callState.error;
  callState.hasError = false;
  callState.error = undefined;
  throw error;
}
