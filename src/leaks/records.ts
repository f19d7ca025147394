import type { Pointer } from '../pointer/pointer.js';
import type { AnyType } from '../types/type.js';
import { AllocationSite } from './allocation-site.js';
import { currentScope, type TrackingScope, trackingState } from './tracking-state.js';

/**
 * What a leak report says about one leaked allocation or unreleased arena.
 * @example `for (const leak of LeakTracker.live()) console.log(leak.size, leak.type, leak.site);`
 */
export interface Leak {
  /** `allocation` for a block of memory, `arena` for an arena that was never released. */
  readonly kind: 'allocation' | 'arena';
  /** The block's address (`0n` for an arena). */
  readonly address: bigint;
  /** Bytes leaked: the block's size, or what the arena holds. */
  readonly size: number;
  /** The element type's name, or the arena's name. */
  readonly type: string;
  /** The allocator's name (`adaptiveCalloc`, `calloc`, …); for an arena, its backing allocator. */
  readonly allocator: string;
  /** Where it was allocated: the caller's `file:line:column`. */
  readonly site: string;
  /** The caller's stack at allocation, innermost first, without ffi-arena's own frames. */
  readonly stack: readonly string[];
  /** When it was allocated. */
  readonly at: Date;
  /**
   * True if every pointer to it was garbage-collected while it was still allocated: the memory
   * can no longer be freed. It is not freed behind your back.
   */
  readonly unreachable: boolean;
}

/** Something an arena can report about itself. */
export interface TrackedArena {
  readonly name: string;
  readonly bytesInUse: number;
}

/**
 * When a `SystemAllocator` records its allocations for the leak tracker.
 * @example `new SystemAllocator('scratch', true, Recording.WhenEnabled)`
 */
export const Recording = {
  /** Only inside `LeakTracker.track()` (`calloc`, `malloc`). */
  InTrackScopes: 0,
  /** While `LeakTracker.enabled`, and inside `track()` (`adaptiveCalloc`, `adaptiveMalloc`). */
  WhenEnabled: 1,
  /** Always (`diagnosticCalloc`, `diagnosticMalloc`). */
  Always: 2,
} as const;
export type Recording = (typeof Recording)[keyof typeof Recording];

/** One recorded allocation or arena. Freed and released ones are forgotten at once. */
export class LeakRecord {
  unreachable = false;
  ignored = false;
  constructor(
    readonly kind: 'allocation' | 'arena',
    readonly address: number,
    readonly size: number,
    readonly typeName: string,
    readonly allocatorName: string,
    readonly site: AllocationSite,
    readonly time: number,
    readonly scope: TrackingScope | undefined,
    readonly arena: WeakRef<TrackedArena> | undefined,
  ) {}

  /** The public view of this record. */
  toLeak(): Leak {
    const size = this.arena?.deref()?.bytesInUse ?? this.size;
    return new LeakEntry(this, size);
  }
}

/** A `Leak` whose stack is formatted only if someone reads it. */
class LeakEntry implements Leak {
  readonly kind: Leak['kind'];
  readonly address: bigint;
  readonly type: string;
  readonly allocator: string;
  readonly site: string;
  readonly at: Date;
  readonly unreachable: boolean;
  private readonly allocationSite: AllocationSite;

  constructor(
    record: LeakRecord,
    readonly size: number,
  ) {
    this.kind = record.kind;
    this.address = BigInt(record.address);
    this.type = record.typeName;
    this.allocator = record.allocatorName;
    this.site = record.site.location;
    this.at = new Date(record.time);
    this.unreachable = record.unreachable;
    this.allocationSite = record.site;
  }

  get stack(): readonly string[] {
    return this.allocationSite.frames;
  }
}

/** Records of live allocations and unreleased arenas, in allocation order. */
export const liveRecords = new Set<LeakRecord>();

// Watches lifetimes (not pointers): every derived pointer and view holds the lifetime, so it is
// garbage only when nothing can reach the memory any more.
const unreachable = new FinalizationRegistry<LeakRecord>((record) => {
  if (liveRecords.has(record)) record.unreachable = true;
});

/** The symbol under which an arena exposes its record, for `LeakTracker.ignore(arena)`. */
export const LEAK_RECORD = Symbol('leak record');

/** Records `pointer`'s allocation if `recording` says so now. Called by allocators. */
export function recordAllocation(
  pointer: Pointer<AnyType>,
  allocatorName: string,
  recording: Recording,
): void {
  const scope = currentScope();
  if (recording === Recording.InTrackScopes && scope === undefined) return;
  if (recording === Recording.WhenEnabled && !trackingState.enabled && scope === undefined) return;
  const record = new LeakRecord(
    'allocation',
    pointer.addr,
    pointer.byteLength,
    pointer.type.name,
    allocatorName,
    new AllocationSite(),
    Date.now(),
    scope,
    undefined,
  );
  pointer.lifetime.detail = record;
  liveRecords.add(record);
  unreachable.register(pointer.lifetime, record, record);
}

/** Records a new arena if tracking is on or a `track()` scope is active; returns the record. */
export function recordArena(arena: TrackedArena & object, allocatorName: string): LeakRecord | null {
  const scope = currentScope();
  if (!trackingState.enabled && scope === undefined) return null;
  const record = new LeakRecord(
    'arena',
    0,
    0,
    arena.name,
    allocatorName,
    new AllocationSite(),
    Date.now(),
    scope,
    new WeakRef(arena),
  );
  liveRecords.add(record);
  unreachable.register(arena, record, record);
  return record;
}

/** Forgets a record whose memory was freed or whose arena was released. */
export function forgetRecord(record: LeakRecord): void {
  liveRecords.delete(record);
  unreachable.unregister(record);
}

/** Marks an allocation as intentionally long-lived (pooled arena blocks, `LeakTracker.ignore`). */
export function ignoreAllocation(pointer: Pointer<AnyType>): void {
  const record = pointer.lifetime.detail;
  if (record instanceof LeakRecord) record.ignored = true;
}
