import { WrongAllocatorError } from '../errors.js';
import { forgetRecord, type LeakRecord, Recording, recordAllocation } from '../leaks/records.js';
import { trackingState } from '../leaks/tracking-state.js';
import { zeroBytes } from '../native/memory-views.js';
import { SMALL_BLOCK_BYTES, systemHeap } from '../native/system-heap.js';
import { hexAddress, Lifetime, type MemoryOwner } from '../pointer/lifetime.js';
import { createPointer, type Pointer } from '../pointer/pointer.js';
import { byteLengthOf, requireAlignment, requireSize } from '../types/checks.js';
import { voidType } from '../types/primitives.js';
import { type AnyType, isStructOrScalar, type SizedType, type VoidType } from '../types/type.js';
import {
  type Allocator,
  doubleFreeError,
  foreignPointerError,
  interiorPointerError,
  requirePointer,
  requireSizedType,
} from './allocator.js';

// Module-local aliases: optimised code reloads an imported binding with a TDZ check on each use.
const heap = systemHeap;
const tracking = trackingState;
const structOrScalar = isStructOrScalar;
/** What malloc and CoTaskMemAlloc guarantee on 64-bit platforms. */
const HEAP_ALIGNMENT = 16;

/**
 * An allocator over the system heap: libc `calloc`/`malloc`/`free` on POSIX,
 * `CoTaskMemAlloc`/`CoTaskMemFree` on Windows. Each allocation owns one heap block.
 * @example `const heap: SystemAllocator = calloc; heap.alloc(u32, 4);`
 */
export class SystemAllocator implements Allocator, MemoryOwner {
  /**
   * @param name `calloc`, `adaptiveCalloc`, …, as shown in messages and leak reports.
   * @param zeroed whether new memory is zero-filled.
   * @param recording when the leak tracker records this allocator's allocations.
   */
  constructor(
    readonly name: string,
    private readonly zeroed: boolean,
    private readonly recording: Recording = Recording.InTrackScopes,
  ) {}

  get zeroesMemory(): boolean {
    return this.zeroed;
  }

  allocate(byteCount: number, alignment: number = HEAP_ALIGNMENT): Pointer<VoidType> {
    const byteLength = requireSize(byteCount, 'byteCount');
    return this.allocateBlock(voidType, byteLength, requireAlignment(alignment));
  }

  alloc<T extends SizedType>(type: T, count = 1): Pointer<T> {
    // One struct or scalar, the usual case, needs no more checks: its size and alignment were
    // checked when the type was made.
    if (count === 1 && structOrScalar(type)) {
      return this.allocateBlock(type, type.size, type.align);
    }
    const checked = requireSizedType(type) as T;
    return this.allocateBlock(checked, byteLengthOf(checked, count), checked.align);
  }

  free(pointer: Pointer<AnyType>): void {
    const checked = requirePointer(pointer, `${this.name}.free`);
    if (checked.isNull) return;
    const owner = checked.lifetime.owner;
    // calloc, malloc and their tracked variants are one heap, as in C: each frees the others' memory.
    if (owner !== this && !(isSystemHeapAllocator(this) && isSystemHeapAllocator(owner))) {
      if (owner === null) throw foreignPointerError(checked);
      throw new WrongAllocatorError(
        `${checked} was allocated by ${owner.name}, not ${this.name}; free it with ${owner.name} or the top-level free().`,
      );
    }
    this.freeOwned(checked);
  }

  /** @internal */
  freeOwned(pointer: Pointer<AnyType>): void {
    const lifetime = pointer.lifetime;
    if (!lifetime.live) this.refuseDoubleFree(pointer);
    const block = lifetime.block!;
    // Usually the pointer the allocator returned; any other pointer must start where it does.
    if (pointer !== block && pointer.addr !== block.addr) this.refuseInteriorPointer(pointer, block);
    lifetime.live = false;
    const record = lifetime.detail;
    if (record !== undefined) forgetRecord(record as LeakRecord);
    heap.release(block.addr - lifetime.padding);
  }

  private refuseDoubleFree(pointer: Pointer<AnyType>): never {
    throw doubleFreeError(pointer);
  }

  private refuseInteriorPointer(pointer: Pointer<AnyType>, block: Pointer<AnyType>): never {
    throw interiorPointerError(pointer, block);
  }

  /** @internal */
  describeEnd(lifetime: Lifetime): string {
    const block = lifetime.block!;
    return `the ${block.byteLength}-byte block at ${hexAddress(block.addr)} from ${this.name} was freed`;
  }

  private allocateBlock<T extends AnyType>(type: T, byteLength: number, alignment: number): Pointer<T> {
    // Over-aligned blocks are over-allocated and rounded up; the padding is undone when freed.
    const extra = alignment <= HEAP_ALIGNMENT ? 0 : alignment - 1;
    // A zero-byte block is still a distinct, freeable pointer, as C's is; one byte makes it so on
    // every C library (malloc(0) may return NULL, which reads as out of memory).
    const heapBytes = byteLength + extra || 1;
    // Small zeroed blocks: malloc, then zero through the pointer's view (see SMALL_BLOCK_BYTES).
    const zeroHere = this.zeroed && heapBytes <= SMALL_BLOCK_BYTES;
    const heapAddress = this.zeroed && !zeroHere ? heap.allocateZeroed(heapBytes) : heap.allocate(heapBytes);
    const address = extra === 0 ? heapAddress : Math.ceil(heapAddress / alignment) * alignment;
    const lifetime = new Lifetime(this, (address - heapAddress) | 0); // a small integer: see createPointer
    const pointer = createPointer(type, address, byteLength, lifetime);
    lifetime.block = pointer;
    if (zeroHere) zeroBytes(pointer.view, pointer.offset, byteLength);
    // Decided inline so that untracked allocations pay two comparisons and no call.
    const recording = this.recording;
    if (
      recording === Recording.Always ||
      (recording === Recording.WhenEnabled && tracking.enabled) ||
      tracking.activeScopes !== 0
    ) {
      recordAllocation(pointer, this.name, recording);
    }
    return pointer;
  }

  toString(): string {
    return this.name;
  }
}

/**
 * True for a `SystemAllocator` whose `allocate`, `alloc` and `free` are the class's own (not a
 * subclass that overrides them to count or check): what it hands out is plain system heap, so
 * memory from one such allocator may be freed by another, and an arena may pool its blocks
 * without anyone missing an allocation.
 * @example `isSystemHeapAllocator(calloc) // true; a counting wrapper: false`
 */
export function isSystemHeapAllocator(value: unknown): value is SystemAllocator {
  return (
    value instanceof SystemAllocator &&
    value.allocate === SystemAllocator.prototype.allocate &&
    value.alloc === SystemAllocator.prototype.alloc &&
    value.free === SystemAllocator.prototype.free
  );
}

/**
 * Zero-filled memory from the system heap (`calloc`; on Windows `CoTaskMemAlloc` + zero fill).
 * @example `const p = calloc.alloc(FILETIME); try { … } finally { free(p); }`
 */
export const calloc: Allocator = new SystemAllocator('calloc', true);

/**
 * Uninitialised memory from the system heap (`malloc`; on Windows `CoTaskMemAlloc`).
 * Faster than `calloc` when every byte is written before it is read.
 * @example `const p = malloc.alloc(u8, 64); p.set(0, 1); free(p);`
 */
export const malloc: Allocator = new SystemAllocator('malloc', false);

/**
 * `calloc` that the leak tracker records in development: while `LeakTracker.enabled` (the
 * default unless `NODE_ENV=production`), each allocation is recorded with its allocation site;
 * otherwise it costs the same as `calloc`.
 * @example `const placement = adaptiveCalloc.alloc(WINDOWPLACEMENT); try { … } finally { free(placement); }`
 */
export const adaptiveCalloc: Allocator = new SystemAllocator('adaptiveCalloc', true, Recording.WhenEnabled);

/**
 * `malloc` that the leak tracker records in development (see `adaptiveCalloc`).
 * @example `const buf = adaptiveMalloc.alloc(u8, 256); try { … } finally { free(buf); }`
 */
export const adaptiveMalloc: Allocator = new SystemAllocator('adaptiveMalloc', false, Recording.WhenEnabled);

/**
 * `calloc` whose allocations the leak tracker always records, in production too.
 * @example `const p = diagnosticCalloc.alloc(FILETIME); LeakTracker.live(); free(p);`
 */
export const diagnosticCalloc: Allocator = new SystemAllocator('diagnosticCalloc', true, Recording.Always);

/**
 * `malloc` whose allocations the leak tracker always records, in production too.
 * @example `const p = diagnosticMalloc.alloc(u8, 64); free(p);`
 */
export const diagnosticMalloc: Allocator = new SystemAllocator('diagnosticMalloc', false, Recording.Always);
