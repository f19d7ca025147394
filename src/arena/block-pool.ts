import { type Allocator, requireAllocator } from '../allocators/allocator.js';
import { isSystemHeapAllocator } from '../allocators/system-allocator.js';
import { ignoreAllocation } from '../leaks/records.js';
import { type MemoryView, zeroBytes } from '../native/memory-views.js';
import type { Pointer } from '../pointer/pointer.js';
import type { VoidType } from '../types/type.js';

/** The size of the native blocks arenas carve small allocations from. */
export const BLOCK_BYTES = 64 * 1024;
/** How many free blocks a pool keeps for the next arenas; more go back to the allocator. */
const MAX_POOLED_BLOCKS = 32;

/** A native block an arena bump-allocates from. Every byte past `used` is zero. */
export class Block {
  /** Bytes handed out from the start of the block. */
  used = 0;
  readonly #view: MemoryView; // private: see Pointer
  readonly offset: number;
  constructor(readonly pointer: Pointer<VoidType>) {
    this.#view = pointer.view;
    this.offset = pointer.offset;
  }

  get view(): MemoryView {
    return this.#view;
  }

  /** The block's address (only over-aligned allocations need it). */
  get address(): number {
    return this.pointer.addr;
  }

  /** Zeroes what was handed out, so the whole block is zero again. */
  clear(): void {
    if (this.used > 0) {
      zeroBytes(this.#view, this.offset, this.used);
      this.used = 0;
    }
  }
}

/**
 * Free blocks of one backing allocator, shared by every arena over it, so that opening and
 * closing a scope calls no native code once the pool is warm. Invariant: every pooled block is
 * all zero (blocks are zeroed up to their high-water mark when they come back).
 */
export class BlockPool {
  private readonly blocks: Block[] = [];

  constructor(readonly backing: Allocator) {}

  /** A zeroed block: pooled if one is free, else new from the backing allocator. */
  take(): Block {
    return this.blocks.pop() ?? this.fresh();
  }

  private fresh(): Block {
    const block = new Block(this.backing.allocate(BLOCK_BYTES, 16));
    ignoreAllocation(block.pointer); // pooled blocks outlive arenas on purpose
    if (this.backing.zeroesMemory !== true) zeroBytes(block.view, block.offset, BLOCK_BYTES);
    return block;
  }

  /** Takes a block back: zeroes what was used, keeps it if the pool has room, else frees it. */
  give(block: Block): void {
    block.clear();
    if (this.blocks.length < MAX_POOLED_BLOCKS) this.blocks.push(block);
    else this.backing.free(block.pointer);
  }

  /** Frees every pooled block. Returns how many were freed. */
  trim(): number {
    const count = this.blocks.length;
    for (const block of this.blocks.splice(0)) this.backing.free(block.pointer);
    return count;
  }

  /** Blocks waiting in the pool. */
  get size(): number {
    return this.blocks.length;
  }
}

const pools = new Map<Allocator, BlockPool>();
// Nearly every arena is over the same allocator (calloc): remembering the last pool saves the
// map lookup on every scope (about 5 ns of a ~150 ns scope).
let lastPool: BlockPool | undefined;

/**
 * The pool of `backing`, created on first use (when `backing` is checked to be an Allocator), or
 * `null` if `backing` is not plain system heap. Any other allocator (counting, debugging, a
 * special heap, another arena) must see every allocation and get every byte back at release, as
 * in Dart, so an arena over it takes each allocation from it; and pooling an arena's blocks would
 * keep them after that arena released them.
 */
export function poolFor(backing: Allocator): BlockPool | null {
  return lastPool?.backing === backing ? lastPool : lookUpPool(backing);
}

function lookUpPool(backing: Allocator): BlockPool | null {
  if (!isSystemHeapAllocator(requireAllocator(backing, 'an Arena'))) return null;
  let pool = pools.get(backing);
  if (pool === undefined) {
    pool = new BlockPool(backing);
    // Pooled blocks go back to the heap at exit, so that leak checkers (valgrind, ASan) see only
    // memory the program itself still holds.
    if (pools.size === 0) process.once('exit', trimAllPools);
    pools.set(backing, pool);
  }
  lastPool = pool;
  return pool;
}

/** Frees the pooled blocks of every pool; returns how many blocks went back. */
export function trimAllPools(): number {
  let count = 0;
  for (const pool of pools.values()) count += pool.trim();
  return count;
}
