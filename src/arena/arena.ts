import { adopt as adoptMemory, type Deallocator } from '../allocators/adopt.js';
import { type Allocator, requirePointer, requireSizedType } from '../allocators/allocator.js';
import { calloc } from '../allocators/system-allocator.js';
import {
  ArenaOwnedPointerError,
  ArenaReleasedError,
  describeValue,
  InvalidArgumentError,
  SuppressedError,
  WrongAllocatorError,
} from '../errors.js';
import {
  forgetPendingArena,
  forgetRecord,
  ignoreAllocation,
  LEAK_RECORD,
  type LeakRecord,
  liveRecords,
  recordArena,
} from '../leaks/records.js';
import { zeroBytes } from '../native/memory-views.js';
import { Lifetime, type MemoryOwner } from '../pointer/lifetime.js';
import { Pointer } from '../pointer/pointer.js';
import { byteLengthOf, requireAlignment, requireFunction, requireSize } from '../types/checks.js';
import { ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress } from '../types/clone-guard.js';
import { voidType } from '../types/primitives.js';
import {
  type AnyType,
  FunctionType,
  isStructOrScalar,
  type SizedType,
  type VoidType,
} from '../types/type.js';
import { BLOCK_BYTES, Block, type BlockPool, poolFor, trimAllPools } from './block-pool.js';

// Module-local copies of imported values used on the allocation fast path: optimised code loads
// an imported binding from its cell with a TDZ check on every use, and folds a local constant.
const BLOCK_END = BLOCK_BYTES;
const PointerClass = Pointer;
const structOrScalar = isStructOrScalar;
/** Allocations above this size go straight to the backing allocator instead of a block. */
const LARGE_BYTES = BLOCK_BYTES / 4;
/** Alignment of a block's start: alignments up to this are applied to the block offset alone. */
const BLOCK_ALIGNMENT = 16;

/**
 * Options of `Arena.releaseAll`.
 * @example `arena.releaseAll({ reuse: true })`
 */
export interface ReleaseOptions {
  /** Keep the arena usable after releasing everything (default: the arena is closed). */
  readonly reuse?: boolean;
}

/**
 * Options of `new Arena`.
 * @example `new Arena(calloc, { name: 'request' })`
 */
export interface ArenaOptions {
  /** The arena's name in messages; default `arena #N`. */
  readonly name?: string;
}

/**
 * The options object of arenas made by `using`, `withZoneArena` and declared calls: they are
 * always released, so never tracked, and take their first block at once. Recognised by identity
 * (one comparison on the hot path, where a property read on the options costs more).
 */
export const SCOPED_ARENA: ArenaOptions = Object.freeze({});

let arenaCount = 0;

/**
 * Scope-based lifetime management, the recommended way to allocate: everything allocated from an
 * arena is freed at once when the arena is released, and every pointer it handed out (and every
 * pointer derived from one) throws `UseAfterFreeError` from then on.
 *
 * Over the system allocators (`calloc`, the default, and the other built-in ones), small
 * allocations are bump-allocated from pooled 64 KiB blocks, so an arena is also the fastest way to
 * allocate. Over any other allocator (a counting or debugging one, another arena), every
 * allocation is that allocator's and all of them go back to it at release, as in Dart. Memory
 * from an arena is always zeroed. Follows `DisposableStack`: `defer`, `adopt`, `use`,
 * `[Symbol.dispose]`.
 *
 * @example
 * ```ts
 * { using arena = new Arena();             // TypeScript 5.2+ `using` declaration
 *   const times = arena.alloc(FILETIME, 4);
 *   const h = arena.adopt(OpenThing(), CloseThing);
 * }                                        // CloseThing(h), then the memory is freed
 * ```
 */
export class Arena implements Allocator, MemoryOwner {
  /** @internal Makes structured clone fail with a message that says what to do (see clone-guard.ts). */
  readonly cloneGuard = ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress;
  private readonly id: number;
  private readonly customName: string | undefined;
  private readonly backing: Allocator;
  /** Where blocks come from; `null` over an allocator that must see each allocation (see poolFor). */
  private readonly pool: BlockPool | null;
  private lifetime: Lifetime;
  private released: boolean;
  private block: Block | null;
  // Created on first use: most scopes need none of them (the shape stays the same either way).
  private retiredBlocks: Block[] | null;
  /** Memory taken from the backing allocator one allocation at a time, given back at release. */
  private backingAllocations: Pointer<VoidType>[] | null;
  private cleanups: (() => unknown)[] | null;
  /** The leak tracker's record, or while it has none, the arena's pending slot (see records.ts). */
  private leakRecord: LeakRecord | number | null;

  /** @param allocator where the memory comes from (default `calloc`). */
  constructor(allocator: Allocator = calloc, options?: ArenaOptions) {
    const scoped = options === SCOPED_ARENA;
    this.id = ++arenaCount;
    this.customName = scoped ? undefined : options?.name;
    this.backing = allocator;
    const pool = poolFor(allocator); // checks that it is an Allocator
    this.pool = pool;
    this.lifetime = new Lifetime(this, 0);
    this.released = false;
    // A scope (using, withZoneArena) takes its first block now, so that its first allocation is
    // on the fast path too: V8 then sees the slow path rarely and spends its inlining budget on the
    // fast path and `.ref` (measured in the bench's using() loop: 19 → 8 ns per alloc + write).
    // Other arenas take one on their first allocation: an arena that never allocates holds none.
    this.block = scoped && pool !== null ? pool.take() : null;
    this.retiredBlocks = null;
    this.backingAllocations = null;
    this.cleanups = null;
    this.leakRecord = scoped ? null : recordArena(this, allocator.name);
  }

  /** Bytes allocated from this arena since it was created or last released. */
  get bytesInUse(): number {
    let total = this.block?.used ?? 0;
    for (const block of this.retiredBlocks ?? []) total += block.used;
    for (const memory of this.backingAllocations ?? []) total += memory.byteLength;
    return total;
  }

  /** @internal The leak tracker's record of this arena, for `LeakTracker.ignore(arena)`. */
  get [LEAK_RECORD](): LeakRecord | null {
    if (typeof this.leakRecord === 'number') liveRecords(); // gives this arena its record
    return this.leakRecord as LeakRecord | null;
  }

  /** @internal Called by the leak tracker when it makes this arena's record. */
  receiveRecord(record: LeakRecord): void {
    this.leakRecord = record;
  }

  /** The arena's name in messages: its `name` option, else `arena #N`. */
  get name(): string {
    return this.customName ?? `arena #${this.id}`;
  }

  /** Memory from an arena is always zeroed, whatever the backing allocator. */
  get zeroesMemory(): boolean {
    return true;
  }

  /** True once the arena has been released without `reuse`: it then refuses new work. */
  get isReleased(): boolean {
    return this.released;
  }

  /**
   * Allocates `count` zeroed elements of `type`, freed when the arena is released.
   * @throws ArenaReleasedError after release; InvalidSizeError for a bad count.
   */
  alloc<T extends SizedType>(type: T, count = 1): Pointer<T> {
    // The hot case, written out: one struct or scalar that fits the current block (its size and
    // alignment were checked when the type was made). Kept small: V8 inlines it, with `.ref` and
    // the field accessor, into the caller only while their bytecode fits its inlining budget.
    let block = this.block;
    let size = 0;
    let start = 0;
    if (block !== null && count === 1 && structOrScalar(type)) {
      size = type.size;
      start = (block.used + type.align - 1) & -type.align; // alignedOffset: type alignments are ≤ 8
    }
    if (block !== null && size !== 0 && size <= LARGE_BYTES && start + size <= BLOCK_END) {
      block.used = start + size;
    } else {
      block = this.reserveFor(type, count); // checks type and count
      size = type.size * count;
      start = block.used - size;
    }
    // One call for every path: then V8 can elide a pointer (and its view) that the caller uses
    // and drops in one optimised function, which it cannot when paths return different objects.
    return new PointerClass(type, size, block.view, block.offset + start, this.lifetime);
  }

  /** Allocates `byteCount` zeroed bytes aligned to `alignment` (a power of two, default 16). */
  allocate(byteCount: number, alignment = BLOCK_ALIGNMENT): Pointer<VoidType> {
    const byteLength = requireSize(byteCount, 'byteCount');
    const block = this.reserve(byteLength, requireAlignment(alignment));
    return new Pointer(
      voidType,
      byteLength,
      block.view,
      block.offset + block.used - byteLength,
      this.lifetime,
    );
  }

  /**
   * Does nothing, as in Dart: arena memory goes back when the arena is released.
   * @throws WrongAllocatorError for a pointer this arena did not allocate.
   */
  free(pointer: Pointer<AnyType>): void {
    const checked = requirePointer(pointer, `${this.name}.free`);
    if (!checked.isNull && checked.lifetime.owner !== this) {
      throw new WrongAllocatorError(
        `${checked} was not allocated by ${this.name}; arena.free() only accepts its own.`,
      );
    }
  }

  /**
   * Registers `cleanup` to run when the arena is released, before its memory is freed. Cleanups
   * run last-registered first (Dart: `onReleaseAll`).
   */
  defer(cleanup: () => unknown): void {
    requireFunction(cleanup, `${this.name}.defer`);
    this.requireOpen('defer a cleanup');
    this.cleanups = appended(this.cleanups, cleanup);
  }

  /**
   * Takes ownership of memory native code allocated: `adopt(pointer, deallocator)` (see the
   * top-level `adopt`), freed with `deallocator(address)` when the arena is released, unless it
   * was `free()`d before. The result is tracked and checked like `calloc` memory; `NULL` gives
   * `NULL` and nothing is deferred.
   * @example `const list = arena.adopt(result.value, freeaddrinfo); // freeaddrinfo(list) at release`
   */
  adopt<T extends AnyType>(pointer: Pointer<T>, deallocator: Deallocator): Pointer<T>;
  /**
   * Takes ownership of a resource: `release(value)` runs when the arena is released. Returns
   * `value` (Dart: `arena.using`). A `Pointer` goes to the overload above: its memory is adopted.
   * @example `const h = arena.adopt(CreateEventW(...), CloseHandle);`
   */
  adopt<V>(value: V, release: (value: V) => unknown): V;
  adopt(value: unknown, release: (value: never) => unknown): unknown {
    requireFunction(release, `${this.name}.adopt`, 'a release function');
    if (value instanceof Pointer) {
      this.requireOpen('adopt memory');
      const adopted = adoptMemory(value, release as Deallocator);
      if (!adopted.isNull) this.defer(() => releaseAdopted(adopted));
      return adopted;
    }
    this.defer(() => release(value as never));
    return value;
  }

  /**
   * A function pointer to `fn`, of the callback type `type`, that lives until this arena is
   * released. After that, a call through it runs no JavaScript: C receives zero and the JavaScript
   * caller of the native function a `UseAfterFreeError`.
   * @typeParam F the callback type, from `callbackType()`.
   * @example `set_handler(arena.callback(HandlerFn, (event) => events.push(event)));`
   */
  callback<F extends FunctionType>(type: F, fn: F['jsFunction']): Pointer<F> & Disposable {
    if (!(type instanceof FunctionType)) {
      throw new InvalidArgumentError(
        `${this.name}.callback needs a callback type (from callbackType()); got ${describeValue(type)}.`,
      );
    }
    this.requireOpen('register a callback');
    return type.binding.registerOwned(fn, this) as Pointer<F> & Disposable;
  }

  /** Disposes `disposable` (anything with `[Symbol.dispose]`) when the arena is released. Returns it. */
  use<D extends Disposable | null | undefined>(disposable: D): D {
    if (disposable === null || disposable === undefined) return disposable;
    const dispose = (disposable as Partial<Disposable>)[Symbol.dispose];
    if (typeof dispose !== 'function') {
      throw new InvalidArgumentError(
        `${this.name}.use needs an object with [Symbol.dispose]; got ${describeValue(disposable)}.`,
      );
    }
    this.defer(() => dispose.call(disposable));
    return disposable;
  }

  /**
   * Releases everything: runs every cleanup (last registered first), then frees all memory, and
   * every pointer from this arena becomes unusable. A cleanup that throws does not stop the
   * others or the freeing; the errors are thrown afterwards, chained as `SuppressedError`s the
   * way `DisposableStack` does. Releasing a released arena does nothing.
   *
   * @param options.reuse keep the arena open for new allocations. It keeps its current block
   *   (zeroed) and returns the others to the pool, so a reused arena does not grow.
   */
  releaseAll(options?: ReleaseOptions): void {
    const reuse = options === undefined ? false : this.reuseOption(options);
    if (this.released) return;
    const failure = this.cleanups === null ? NO_FAILURE : this.runCleanups();
    this.lifetime.live = false;
    this.returnMemory(reuse);
    if (reuse) this.lifetime = new Lifetime(this, 0);
    else this.close();
    if (failure !== NO_FAILURE) throw failure;
  }

  /** The same as `releaseAll()`: for `using arena = new Arena()`. */
  [Symbol.dispose](): void {
    this.releaseAll();
  }

  /**
   * The same as `releaseAll()`: for `await using arena = new Arena()`. The promise is settled
   * already: rejected with what `releaseAll()` threw, else resolved.
   */
  [Symbol.asyncDispose](): Promise<void> {
    // Not `async`: every scope that releases cleanly gets the one resolved promise, not its own.
    try {
      this.releaseAll();
    } catch (error) {
      return Promise.reject(error);
    }
    return RELEASED;
  }

  /**
   * Frees the blocks pooled for future arenas, returning them to the system heap; returns how
   * many were freed. Arenas keep working: they take new blocks when they need them.
   */
  static releasePooledBlocks(): number {
    return trimAllPools();
  }

  /** @internal Arena memory cannot be freed on its own. */
  freeOwned(pointer: Pointer<AnyType>): void {
    throw new ArenaOwnedPointerError(
      `cannot free ${pointer}: it belongs to ${this.name}, which frees it when it is released.`,
    );
  }

  /** @internal */
  describeEnd(): string {
    return `${this.name} that owned it was released`;
  }

  toString(): string {
    return this.name;
  }

  private reuseOption(options: ReleaseOptions): boolean {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError(
        `${this.name}.releaseAll takes { reuse?: boolean }; got ${describeValue(options)}.`,
      );
    }
    return options.reuse === true;
  }

  /** Refuses new work from now on, and tells the leak tracker. */
  private close(): void {
    this.released = true;
    const leak = this.leakRecord;
    if (typeof leak === 'number') forgetPendingArena(leak, this);
    else if (leak !== null) forgetRecord(leak);
    this.leakRecord = null;
  }

  /** The slow path of `alloc`, in one call so that V8 inlines the fast path and not this: checks, then reserves. */
  private reserveFor(type: unknown, count: number): Block {
    const checked = requireSizedType(type);
    return this.reserve(byteLengthOf(checked, count), checked.align);
  }

  /**
   * Reserves `byteLength` bytes aligned to `alignment` and returns the block that holds them: the
   * bytes end at its `used` mark. A large allocation, and every allocation over an allocator
   * without a pool, gets a block of its own from the backing allocator.
   */
  private reserve(byteLength: number, alignment: number): Block {
    if (this.released) this.requireOpen('allocate');
    if (byteLength > LARGE_BYTES || this.pool === null) return this.reserveFromBacking(byteLength, alignment);
    let block = this.block;
    let start = block === null ? 0 : alignedOffset(block, block.used, alignment);
    if (block === null || start + byteLength > BLOCK_BYTES) {
      block = this.nextBlock();
      start = alignedOffset(block, 0, alignment);
    }
    block.used = start + byteLength;
    return block;
  }

  private reserveFromBacking(byteLength: number, alignment: number): Block {
    const memory = this.backing.allocate(byteLength, alignment);
    ignoreAllocation(memory); // the arena's own record covers it
    this.backingAllocations = appended(this.backingAllocations, memory);
    if (this.backing.zeroesMemory !== true) zeroBytes(memory.view, memory.offset, byteLength);
    const block = new Block(memory);
    block.used = byteLength;
    return block;
  }

  private nextBlock(): Block {
    if (this.block !== null) this.retiredBlocks = appended(this.retiredBlocks, this.block);
    const block = this.pool!.take(); // only reached with a pool (see reserve)
    this.block = block;
    return block;
  }

  // Cold parts (retired blocks, backing allocations) are separate methods: V8 does not inline a call
  // that never ran, so a scope's release stays small enough to inline into its caller.
  private returnMemory(keepCurrentBlock: boolean): void {
    if (this.retiredBlocks !== null) this.returnRetiredBlocks(this.retiredBlocks);
    const current = this.block;
    if (current !== null) {
      if (keepCurrentBlock) {
        current.clear();
      } else {
        this.pool!.give(current); // a block exists only with a pool
        this.block = null;
      }
    }
    if (this.backingAllocations !== null) this.freeBackingAllocations(this.backingAllocations);
  }

  private returnRetiredBlocks(retired: Block[]): void {
    for (const block of retired) this.pool!.give(block);
    retired.length = 0;
  }

  private freeBackingAllocations(allocations: Pointer<VoidType>[]): void {
    for (const memory of allocations) this.backing.free(memory);
    allocations.length = 0;
  }

  private runCleanups(): unknown {
    let failure: unknown = NO_FAILURE;
    const cleanups = this.cleanups;
    if (cleanups === null) return failure;
    for (let cleanup = cleanups.pop(); cleanup !== undefined; cleanup = cleanups.pop()) {
      try {
        cleanup();
      } catch (error) {
        failure = failure === NO_FAILURE ? error : new SuppressedError(error, failure);
      }
    }
    return failure;
  }

  private requireOpen(action: string): void {
    if (this.released) throw new ArenaReleasedError(`cannot ${action}: ${this.name} has been released.`);
  }
}

const NO_FAILURE = Symbol('no failure');
const RELEASED: Promise<void> = Promise.resolve();

/** Frees adopted memory at release, unless the program freed it already. */
function releaseAdopted(pointer: Pointer<AnyType>): void {
  if (pointer.lifetime.live) pointer.lifetime.owner!.freeOwned(pointer);
}

/** `list` with `item` pushed on, creating the list on first use. */
function appended<T>(list: T[] | null, item: T): T[] {
  if (list === null) return [item];
  list.push(item);
  return list;
}

/** The offset in `block`, at or after `from`, at which an `alignment`-aligned address starts. */
function alignedOffset(block: Block, from: number, alignment: number): number {
  if (alignment <= BLOCK_ALIGNMENT) return (from + alignment - 1) & -alignment;
  return Math.ceil((block.address + from) / alignment) * alignment - block.address;
}
