import { describeValue, InvalidArgumentError, LeakTrackerException } from '../errors.js';
import { Pointer } from '../pointer/pointer.js';
import { afterSettled } from '../settle.js';
import { requireFunction } from '../types/checks.js';
import { withRawCallSites } from './allocation-site.js';
import { type LeakFilter, LeakFilters } from './leak-filter.js';
import { forgetRecord, LEAK_RECORD, type Leak, LeakRecord, liveRecords } from './records.js';
import { jsonReport, textReport } from './report.js';
import {
  currentScope,
  TrackingScope as Scope,
  scopes,
  type TrackingScope,
  trackingState,
} from './tracking-state.js';

/**
 * What `LeakTracker.ignore` accepts.
 * @example `LeakTracker.ignore({ type: 'FILETIME' })`
 */
export type LeakIgnoreTarget =
  | Pointer
  | {
      /** An arena (anything that carries a leak record). */
      readonly [LEAK_RECORD]: unknown;
    }
  | {
      /** Leaks of this element type (or arena name): a string matches exactly, a RegExp by test. */
      readonly type?: string | RegExp;
      /** Leaks allocated at a site containing this text, or matching this RegExp. */
      readonly site?: string | RegExp;
      /** Leaks with any frame of their stack containing this text, or matching this RegExp. */
      readonly stack?: string | RegExp;
      /** The leak at this address. */
      readonly address?: bigint;
    }
  | LeakFilter;

/**
 * Options of `LeakTracker.report`.
 * @example `LeakTracker.report({ format: 'json' })`
 */
export interface ReportOptions {
  /** `text` (default) for people, `json` for tools. */
  readonly format?: 'text' | 'json';
}

const filters = new Set<LeakFilter>();
const REPORT_FORMATS: readonly string[] = ['text', 'json'];

function leaksWhere(include: (record: LeakRecord) => boolean): Leak[] {
  return withRawCallSites(() => collectLeaks(include));
}

/**
 * The records `scope` sees: what it (and scopes inside it) recorded, as Dart's `runScoped` gives
 * each zone its own registry; outside any scope, every record.
 */
function recordsOf(scope: TrackingScope | undefined): (record: LeakRecord) => boolean {
  return scope === undefined ? () => true : (record) => scope.contains(record.scope);
}

function collectLeaks(include: (record: LeakRecord) => boolean): Leak[] {
  const leaks: Leak[] = [];
  for (const record of liveRecords()) {
    if (record.ignored || !include(record)) continue;
    const leak = record.toLeak();
    let filtered = false;
    for (const filter of filters) filtered ||= filter(leak);
    if (!filtered) leaks.push(leak);
  }
  return leaks;
}

/** `{ type, site, address }` as a filter: every field given must match (see `LeakFilters`). */
function fieldFilter(target: {
  type?: string | RegExp;
  site?: string | RegExp;
  stack?: string | RegExp;
  address?: bigint;
}): LeakFilter {
  const parts: LeakFilter[] = [];
  if (target.type !== undefined) parts.push(LeakFilters.type(target.type));
  if (target.site !== undefined) parts.push(LeakFilters.site(target.site));
  if (target.stack !== undefined) parts.push(LeakFilters.stack(target.stack));
  if (target.address !== undefined) parts.push(LeakFilters.address(target.address));
  return LeakFilters.and(...parts);
}

function recordOf(target: object): LeakRecord | undefined {
  const record =
    target instanceof Pointer ? target.lifetime.detail : (target as { [LEAK_RECORD]?: unknown })[LEAK_RECORD];
  return record instanceof LeakRecord ? record : undefined;
}

/**
 * Finds native memory that was never freed, and says where it was allocated.
 *
 * Recorded: everything from `adaptiveCalloc`/`adaptiveMalloc` while tracking is `enabled`,
 * everything from `diagnosticCalloc`/`diagnosticMalloc` always, arenas created with
 * `new Arena()` while tracking is enabled, and every allocation inside `LeakTracker.track(fn)`.
 *
 * @example
 * ```ts
 * LeakTracker.enabled = true;                 // or FFI_ARENA_LEAKS=1
 * const p = adaptiveCalloc.alloc(FILETIME);   // never freed
 * console.log(LeakTracker.report());          // 8 bytes in 1 allocation at app.ts:12:30 …
 * LeakTracker.verifyNoLeaks();                // throws LeakTrackerException
 * ```
 */
export class LeakTracker {
  private constructor() {}

  /**
   * Whether adaptive allocators and arenas record. Defaults: on in development, off when
   * `NODE_ENV=production`; `FFI_ARENA_LEAKS=1` or `0` overrides. Turning it off keeps what was
   * recorded (it is still reported until freed) and stops recording new allocations. Inside
   * `track()` it reads `true` whatever the setting, since everything there is recorded.
   */
  static get enabled(): boolean {
    return trackingState.enabled || currentScope() !== undefined;
  }

  /** Turns recording on or off. @throws InvalidArgumentError for a non-boolean. */
  static set enabled(value: boolean) {
    if (typeof value !== 'boolean') {
      throw new InvalidArgumentError(`LeakTracker.enabled must be a boolean; got ${describeValue(value)}.`);
    }
    trackingState.enabled = value;
  }

  /**
   * Whether arenas (`new Arena()`) and registered callbacks also record where they were created,
   * and when. Off by default, `FFI_ARENA_LEAK_SITES=1` turns it on: a stack capture costs about
   * 100 times what creating and releasing an arena does, so an unreleased arena is reported
   * without its site unless this is on (the report says so). Allocations from adaptive and
   * diagnostic allocators and adopted memory always record their site; inside `track()`
   * everything does.
   * @example `LeakTracker.creationSites = true; // leak reports say where each unreleased arena was created`
   */
  static get creationSites(): boolean {
    return trackingState.creationSites;
  }

  /** Turns the recording of creation sites on or off. @throws InvalidArgumentError for a non-boolean. */
  static set creationSites(value: boolean) {
    if (typeof value !== 'boolean') {
      throw new InvalidArgumentError(
        `LeakTracker.creationSites must be a boolean; got ${describeValue(value)}.`,
      );
    }
    trackingState.creationSites = value;
  }

  /**
   * Every recorded allocation and arena that is still live, in allocation order, minus ignored
   * ones. Inside `track(fn)`, only what `fn` recorded (as are `snapshot`, `hasLeaks`,
   * `verifyNoLeaks`, `report` and `reset` there).
   */
  static live(): Leak[] {
    return leaksWhere(recordsOf(currentScope()));
  }

  /** A frozen copy of `live()` at this moment. */
  static snapshot(): readonly Leak[] {
    return Object.freeze(LeakTracker.live());
  }

  /** True if anything recorded is still live. */
  static get hasLeaks(): boolean {
    return LeakTracker.live().length > 0;
  }

  /** @throws LeakTrackerException listing every leak, if there is any. */
  static verifyNoLeaks(): void {
    const leaks = LeakTracker.live();
    if (leaks.length > 0) throw new LeakTrackerException(leaks, textReport(leaks));
  }

  /** The leaks as a report: grouped by allocation site, biggest first (or JSON for tools). */
  static report(options?: ReportOptions): string {
    const format = options?.format ?? 'text';
    const isOptions = options === undefined || (typeof options === 'object' && options !== null);
    if (!isOptions || !REPORT_FORMATS.includes(format)) {
      throw new InvalidArgumentError(
        `LeakTracker.report takes { format: 'text' | 'json' }; got ${describeValue(options)}.`,
      );
    }
    const leaks = LeakTracker.live();
    return format === 'json' ? jsonReport(leaks) : textReport(leaks);
  }

  /** Writes the text report to `stream` (default: standard error). */
  static print(stream: { write(text: string): unknown } = process.stderr): void {
    stream.write(`${LeakTracker.report()}\n`);
  }

  /**
   * Stops reporting intentional long-lived memory: a pointer or arena, `{ type, site, stack,
   * address }` (`site` matches the allocating line, `stack` any frame of its stack: Dart's
   * `ignoreStackContains`), or any predicate (see `LeakFilters`). Returns a function that undoes it.
   */
  static ignore(target: LeakIgnoreTarget): () => void {
    if (typeof target === 'function') {
      filters.add(target);
      return () => filters.delete(target);
    }
    if (typeof target !== 'object' || target === null) {
      throw new InvalidArgumentError(
        `LeakTracker.ignore needs a pointer, an arena, { type, site, stack, address } or a function; got ${describeValue(target)}.`,
      );
    }
    if (target instanceof Pointer || LEAK_RECORD in target) {
      const record = recordOf(target);
      if (record !== undefined) record.ignored = true;
      return () => {
        if (record !== undefined) record.ignored = false;
      };
    }
    const fields = target as { type?: unknown; site?: unknown; stack?: unknown; address?: unknown };
    if (
      Array.isArray(target) ||
      (fields.type === undefined &&
        fields.site === undefined &&
        fields.stack === undefined &&
        fields.address === undefined)
    ) {
      // An empty filter would match every leak and silently hide them all.
      throw new InvalidArgumentError(
        `LeakTracker.ignore needs at least one of type, site, stack or address; got ${describeValue(target)}.`,
      );
    }
    const filter = fieldFilter(target as { type?: string; site?: string; stack?: string; address?: bigint });
    filters.add(filter);
    return () => filters.delete(filter);
  }

  /**
   * Runs `fn` and returns what it allocated and left live — only that, however much else
   * allocates meanwhile. Inside `fn`'s synchronous and asynchronous call chain every allocator
   * records. For an async `fn`, returns a promise, settled after `fn`'s.
   */
  static track(fn: () => Promise<unknown>): Promise<Leak[]>;
  static track(fn: () => unknown): Leak[];
  static track(fn: () => unknown): Leak[] | Promise<Leak[]> {
    requireFunction(fn, 'LeakTracker.track');
    const scope: TrackingScope = new Scope(scopes.getStore());
    trackingState.activeScopes++;
    return afterSettled(
      () => scopes.run(scope, fn),
      () => {
        trackingState.activeScopes--;
        return leaksWhere(recordsOf(scope));
      },
      (error) => {
        trackingState.activeScopes--;
        throw error;
      },
    );
  }

  /**
   * Forgets every record and every ignore filter. Memory is not freed. Inside `track(fn)`, forgets
   * only what `fn` recorded, and keeps the filters, which belong to the whole program.
   */
  static reset(): void {
    const scope = currentScope();
    if (scope === undefined) filters.clear();
    const visible = recordsOf(scope);
    for (const record of liveRecords()) if (visible(record)) forgetRecord(record);
  }
}

// FFI_ARENA_LEAKS=report prints the report at exit; =fail also makes the exit code non-zero.
const exitMode = process.env.FFI_ARENA_LEAKS?.toLowerCase();
if (exitMode === 'report' || exitMode === 'fail') {
  process.on('exit', () => {
    if (!LeakTracker.hasLeaks) return;
    LeakTracker.print();
    // A process that ends with success, by returning or by process.exit(0), fails; another
    // failure's own code is kept.
    if (exitMode === 'fail' && !process.exitCode) process.exitCode = 1;
  });
}
