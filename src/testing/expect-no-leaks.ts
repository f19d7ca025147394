import { LeakTrackerException } from '../errors.js';
import { LeakTracker } from '../leaks/leak-tracker.js';
import type { Leak } from '../leaks/records.js';
import { textReport } from '../leaks/report.js';
import { afterSettled } from '../settle.js';
import { requireFunction } from '../types/checks.js';

function rethrow(error: unknown): never {
  throw error;
}

function verify(leaks: Leak[]): void {
  if (leaks.length > 0) throw new LeakTrackerException(leaks, textReport(leaks));
}

/**
 * Runs `fn` and fails if it leaves native memory allocated: throws a `LeakTrackerException`
 * listing every leak with the line that allocated it. Memory `fn` allocated and freed does not
 * count, nor does anything allocated elsewhere meanwhile. Every allocator (and `new Arena()`)
 * is recorded inside `fn`, whether or not `LeakTracker.enabled`. Works with node:test, vitest and
 * jest: it throws (or rejects), which every runner reports as a failure.
 *
 * @example
 * ```ts
 * test('parses without leaking', async () => {
 *   await expectNoLeaks(async () => { await parseWithNativeHelpers(input); });
 * });
 * ```
 */
export function expectNoLeaks(fn: () => Promise<unknown>): Promise<void>;
export function expectNoLeaks(fn: () => unknown): void;
export function expectNoLeaks(fn: () => unknown): void | Promise<void> {
  requireFunction(fn, 'expectNoLeaks');
  // track() returns a promise exactly when fn does; its overloads cannot say that for `unknown`.
  return afterSettled(() => LeakTracker.track(fn) as Leak[] | Promise<Leak[]>, verify, rethrow);
}
