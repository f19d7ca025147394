import type { Leak } from './records.js';

/**
 * Decides whether a leak is ignored: `true` means "do not report it".
 * @example `LeakTracker.ignore((leak) => leak.size < 16)`
 */
export type LeakFilter = (leak: Leak) => boolean;

function matches(pattern: string | RegExp, text: string): boolean {
  return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
}

/**
 * Building blocks for `LeakTracker.ignore`, as in Dart's `ffi_leak_tracker` (address, type, stack,
 * and, or, not).
 *
 * @example
 * ```ts
 * LeakTracker.ignore(LeakFilters.and(LeakFilters.type('CACHE'), LeakFilters.not(LeakFilters.site('test/'))));
 * ```
 */
export const LeakFilters = {
  /** Leaks at this address. */
  address:
    (address: bigint): LeakFilter =>
    (leak) =>
      leak.address === address,
  /** Leaks of this element type (or arena name); a string matches exactly, a RegExp by test. */
  type:
    (type: string | RegExp): LeakFilter =>
    (leak) =>
      typeof type === 'string' ? leak.type === type : type.test(leak.type),
  /** Leaks allocated at a site containing this text, or matching this RegExp. */
  site:
    (pattern: string | RegExp): LeakFilter =>
    (leak) =>
      matches(pattern, leak.site),
  /**
   * Leaks with any frame of their stack (`leak.stack`) containing this text, or matching this
   * RegExp: Dart's `ignoreStackContains`. Unlike `site`, it matches callers further up, such as
   * every allocation made under one library function.
   */
  stack:
    (pattern: string | RegExp): LeakFilter =>
    (leak) =>
      leak.stack.some((frame) => matches(pattern, frame)),
  /** Leaks every filter matches. */
  and:
    (...filters: LeakFilter[]): LeakFilter =>
    (leak) =>
      filters.every((filter) => filter(leak)),
  /** Leaks any filter matches. */
  or:
    (...filters: LeakFilter[]): LeakFilter =>
    (leak) =>
      filters.some((filter) => filter(leak)),
  /** Leaks the filter does not match. */
  not:
    (filter: LeakFilter): LeakFilter =>
    (leak) =>
      !filter(leak),
};
