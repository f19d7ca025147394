import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whether allocations are being recorded. Read on every allocation, so it is one plain object
 * with three fields: `enabled` (the global switch for adaptive allocators and arenas),
 * `creationSites` (whether arenas and registered callbacks capture their site too) and
 * `activeScopes` (how many `LeakTracker.track` calls are running; inside one, every allocator
 * records, with sites).
 */
export const trackingState = {
  enabled: defaultEnabled(),
  creationSites: defaultCreationSites(),
  activeScopes: 0,
};

/** FFI_ARENA_LEAK_SITES=1|true|on records where arenas and callbacks are created; off otherwise. */
function defaultCreationSites(): boolean {
  const setting = process.env.FFI_ARENA_LEAK_SITES?.toLowerCase();
  return setting === '1' || setting === 'true' || setting === 'on';
}

/**
 * FFI_ARENA_LEAKS=1|true|on|report|fail turns tracking on, 0|false|off turns it off; otherwise it
 * is on in development and off when NODE_ENV=production.
 */
function defaultEnabled(): boolean {
  const setting = process.env.FFI_ARENA_LEAKS?.toLowerCase();
  if (setting === '0' || setting === 'false' || setting === 'off') return false;
  if (setting !== undefined && setting !== '') return true;
  return process.env.NODE_ENV !== 'production';
}

/** A `LeakTracker.track` call: allocations made in its async context belong to it. */
export class TrackingScope {
  constructor(readonly parent: TrackingScope | undefined) {}

  /** True if `scope` is this scope or nested inside it. */
  contains(scope: TrackingScope | undefined): boolean {
    for (let s = scope; s !== undefined; s = s.parent) if (s === this) return true;
    return false;
  }
}

// Typed by what is used, so that ffi-arena's declarations need no Node.js typings.
export const scopes: {
  getStore(): TrackingScope | undefined;
  run<R>(scope: TrackingScope, fn: () => R): R;
} = new AsyncLocalStorage<TrackingScope>();

/** The innermost tracking scope of the current call chain, if any (cheap when none is active). */
export function currentScope(): TrackingScope | undefined {
  return trackingState.activeScopes === 0 ? undefined : scopes.getStore();
}
