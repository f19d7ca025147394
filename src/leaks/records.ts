import type { Pointer } from '../pointer/pointer.js';
import type { AnyType } from '../types/type.js';
import { AllocationSite, type RecordSite, UNRECORDED_SITE } from './allocation-site.js';
import { RecordList } from './record-list.js';
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
  /**
   * Where it was allocated: the caller's `file:line:column`. Arenas and registered callbacks
   * record theirs only with `LeakTracker.creationSites` (or inside `track()`); the site then says so.
   */
  readonly site: string;
  /** The caller's stack at allocation, innermost first, without ffi-arena's own frames. */
  readonly stack: readonly string[];
  /** When it was allocated; `undefined` where the site was not recorded either. */
  readonly at: Date | undefined;
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

/** Numbers records in the order they were made: allocations and arenas alike. */
let recordCount = 0;

/** One recorded allocation or arena. Freed and released ones are forgotten at once. */
export class LeakRecord {
  unreachable = false;
  ignored = false;
  previous: LeakRecord | null = null;
  next: LeakRecord | null = null;
  linked = false;
  constructor(
    readonly kind: 'allocation' | 'arena',
    readonly address: number,
    readonly size: number,
    readonly typeName: string,
    readonly allocatorName: string,
    readonly site: RecordSite,
    /** `Date.now()` at allocation; NaN when the site was not recorded (the clock costs too). */
    readonly time: number,
    readonly scope: TrackingScope | undefined,
    /** The arena: weakly held where its site is recorded, so that dropping it shows as unreachable. */
    readonly arena: WeakRef<TrackedArena> | TrackedArena | undefined,
    /** Where it goes in allocation order (an arena recorded without its site keeps its place). */
    readonly order = ++recordCount,
  ) {}

  /** The public view of this record. */
  toLeak(): Leak {
    const arena = this.arena instanceof WeakRef ? this.arena.deref() : this.arena;
    return new LeakEntry(this, arena?.bytesInUse ?? this.size, arena?.name ?? this.typeName);
  }
}

/** A `Leak` whose stack is formatted only if someone reads it. */
class LeakEntry implements Leak {
  readonly kind: Leak['kind'];
  readonly address: bigint;
  readonly type: string;
  readonly allocator: string;
  readonly site: string;
  readonly at: Date | undefined;
  readonly unreachable: boolean;
  private readonly allocationSite: RecordSite;

  constructor(
    record: LeakRecord,
    readonly size: number,
    type: string,
  ) {
    this.kind = record.kind;
    this.address = BigInt(record.address);
    this.type = type;
    this.allocator = record.allocatorName;
    this.site = record.site.location;
    this.at = Number.isNaN(record.time) ? undefined : new Date(record.time);
    this.unreachable = record.unreachable;
    this.allocationSite = record.site;
  }

  get stack(): readonly string[] {
    return this.allocationSite.frames;
  }
}

/** Records of live allocations and unreleased arenas, in allocation order. */
const recordList = new RecordList<LeakRecord>();

/**
 * The live records, in allocation order. Reading them first gives each pending arena (below) its
 * record: every reader (reports, `ignore`, `reset`) sees arenas as records.
 */
export function liveRecords(): RecordList<LeakRecord> {
  if (pendingCount > 0) recordPendingArenas();
  return recordList;
}

/**
 * Arenas recorded without their site, not yet given a record: an arena takes a slot here, with
 * its place in allocation order, and gives it back at release. No object is made and nothing is
 * linked, so `new Arena()` with tracking on costs about what `using()` does; a record is made
 * only when someone reads the records while the arena is still unreleased.
 */
const pendingArenas: (PendingArena | undefined)[] = [];
const pendingOrders: number[] = [];
const pendingAllocators: string[] = [];
const freeSlots: number[] = [];
let pendingCount = 0;

/** An arena recorded without its site: it takes its record when the records are read. */
export interface PendingArena extends TrackedArena {
  /** Called once, when the arena's record is made. */
  receiveRecord(record: LeakRecord): void;
}

// Watches lifetimes (not pointers): every derived pointer and view holds the lifetime, so it is
// garbage only when nothing can reach the memory any more.
const unreachable = new FinalizationRegistry<LeakRecord>((record) => {
  if (recordList.has(record)) record.unreachable = true;
});

/** The symbol under which an arena exposes its record, for `LeakTracker.ignore(arena)`. */
export const LEAK_RECORD = Symbol('leak record');

/**
 * Records `pointer`'s allocation if `recording` says so now. Called by allocators, and for
 * registered callbacks, which are `creation`s: their site is recorded only with
 * `LeakTracker.creationSites` or inside `track()`.
 */
export function recordAllocation(
  pointer: Pointer<AnyType>,
  allocatorName: string,
  recording: Recording,
  creation = false,
): void {
  const scope = currentScope();
  if (recording === Recording.InTrackScopes && scope === undefined) return;
  if (recording === Recording.WhenEnabled && !trackingState.enabled && scope === undefined) return;
  const withSite = !creation || recordsCreationSite(scope);
  const record = new LeakRecord(
    'allocation',
    pointer.addr,
    pointer.byteLength,
    pointer.type.name,
    allocatorName,
    withSite ? new AllocationSite() : UNRECORDED_SITE,
    withSite ? Date.now() : Number.NaN,
    scope,
    undefined,
  );
  pointer.lifetime.detail = record;
  recordList.add(record);
  unreachable.register(pointer.lifetime, record, record);
}

/** Whether something created now records where: inside `track()`, or with `creationSites` on. */
function recordsCreationSite(scope: TrackingScope | undefined): boolean {
  return trackingState.creationSites || scope !== undefined;
}

/**
 * Records a new arena if tracking is on or a `track()` scope is active. Returns its record if its
 * site is recorded; a pending slot (a number, see `pendingArenas`) if not; `null` if untracked.
 */
export function recordArena(arena: PendingArena, allocatorName: string): LeakRecord | number | null {
  const scope = currentScope();
  if (!trackingState.enabled && scope === undefined) return null;
  if (!recordsCreationSite(scope)) return addPendingArena(arena, allocatorName);
  const record = new LeakRecord(
    'arena',
    0,
    0,
    arena.name,
    allocatorName,
    new AllocationSite(arena.constructor),
    Date.now(),
    scope,
    new WeakRef(arena),
  );
  recordList.add(record);
  unreachable.register(arena, record, record);
  return record;
}

function addPendingArena(arena: PendingArena, allocatorName: string): number {
  const slot = freeSlots.length > 0 ? (freeSlots.pop() as number) : pendingArenas.length;
  pendingArenas[slot] = arena;
  pendingAllocators[slot] = allocatorName;
  pendingOrders[slot] = ++recordCount;
  pendingCount++;
  return slot;
}

/** Gives back `arena`'s pending slot at its release (checked: a slot is reused once given back). */
export function forgetPendingArena(slot: number, arena: PendingArena): void {
  if (pendingArenas[slot] !== arena) return;
  pendingArenas[slot] = undefined;
  freeSlots.push(slot);
  pendingCount--;
}

/**
 * Gives every pending arena its record, in its place in allocation order. Without a site, a record
 * is a plain list entry (no stack, clock, weak reference, finalizer or name: the report reads the
 * name from the arena, which it holds).
 */
function recordPendingArenas(): void {
  const slots = [...pendingArenas.keys()].filter((slot) => pendingArenas[slot] !== undefined);
  slots.sort((a, b) => (pendingOrders[a] as number) - (pendingOrders[b] as number));
  const records = slots.map((slot) => {
    const arena = pendingArenas[slot] as PendingArena;
    const record = new LeakRecord(
      'arena',
      0,
      0,
      '',
      pendingAllocators[slot] as string,
      UNRECORDED_SITE,
      Number.NaN,
      undefined,
      arena,
      pendingOrders[slot],
    );
    forgetPendingArena(slot, arena);
    arena.receiveRecord(record);
    return record;
  });
  recordList.insertInOrder(records);
}

/** Forgets a record whose memory was freed or whose arena was released. */
export function forgetRecord(record: LeakRecord): void {
  recordList.delete(record);
  // An arena held strongly was never registered (see recordArena).
  if (record.kind === 'allocation' || record.arena instanceof WeakRef) unreachable.unregister(record);
}

/** Marks an allocation as intentionally long-lived (pooled arena blocks, `LeakTracker.ignore`). */
export function ignoreAllocation(pointer: Pointer<AnyType>): void {
  const record = pointer.lifetime.detail;
  if (record instanceof LeakRecord) record.ignored = true;
}
