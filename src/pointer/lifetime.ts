import { UseAfterFreeError } from '../errors.js';
import type { AnyType } from '../types/type.js';
import type { Pointer } from './pointer.js';

/**
 * Who owns a block of memory: an allocator or an arena.
 * @example `p.lifetime.owner?.name // 'calloc', or the arena's name`
 */
export interface MemoryOwner {
  /** The owner's name in messages: `calloc`, `arena #3`. */
  readonly name: string;
  /**
   * Called by the top-level `free()` with a pointer this owner made: frees its block, or refuses
   * with a typed error (a double free, an interior pointer, arena-owned memory).
   */
  freeOwned(pointer: Pointer<AnyType>): void;
  /** What happened to the memory, for a use-after-free message: `the 16-byte block at 0x… from calloc was freed`. */
  describeEnd(lifetime: Lifetime): string;
  /**
   * True when the owner does not know how long its blocks are (memory adopted from C): casts and
   * string reads then trust the caller, as for foreign memory. Absent means false.
   */
  readonly unknownExtent?: boolean;
}

/**
 * The lifetime of a block of native memory, shared by every pointer into it (the pointer the
 * allocator returned and every pointer and view derived from it). Every access checks `live`
 * first, so a pointer used after its memory went back throws instead of reading freed memory.
 *
 * A plain class with a fixed shape: the check on the hot path is one monomorphic field load.
 * @example `p.lifetime.live // false once freed`
 */
export class Lifetime {
  /** False once the memory has been freed or its arena released. */
  live: boolean;
  /** Per-owner bookkeeping: the leak tracker's record, an arena's generation, … */
  detail: unknown;
  /** The pointer the allocator returned for this block (system allocations), or `null`. */
  block: Pointer<AnyType> | null;
  /** `null` for memory this library did not allocate (`Pointer.fromAddress`, pointer fields). */
  readonly owner: MemoryOwner | null;
  /** Bytes between what the heap returned and the first byte handed out (over-aligned blocks). */
  readonly padding: number;

  // Fields are assigned here rather than declared with initialisers: V8 runs class field
  // initialisers as a separate function, which showed up in allocation profiles.
  // No field holds an address: addresses above 2^31 are not small integers, and one such value
  // would make V8 box the field in a heap number on every allocation from then on.
  constructor(owner: MemoryOwner | null, padding: number) {
    this.live = true;
    this.detail = undefined;
    this.block = null;
    this.owner = owner;
    this.padding = padding;
  }
}

/** The lifetime of all memory this library does not own: always live, never freed by us. */
export const FOREIGN_MEMORY = new Lifetime(null, 0);

/**
 * True for memory whose extent this library does not know: foreign memory, and memory adopted from
 * native code. A `cast` may then reach past the stated length and a string read runs to its NUL.
 */
export function hasUnknownExtent(lifetime: Lifetime): boolean {
  const owner = lifetime.owner;
  return owner === null || owner.unknownExtent === true;
}

/** Formats an address the way C debuggers do. */
export function hexAddress(address: number): string {
  return `0x${address.toString(16).padStart(12, '0')}`;
}

/**
 * Throws the error for an access through a pointer whose lifetime has ended. Takes the pointer
 * itself rather than its text: a `String(pointer)` at the call site, even in a branch that never
 * runs, keeps V8 from eliding pointers that are used once and dropped.
 */
export function throwUseAfterFree(lifetime: Lifetime, what: string | Pointer<AnyType>): never {
  // Foreign memory that only lived for a while (a callback's pointer arguments) says why in `detail`.
  const end =
    lifetime.owner?.describeEnd(lifetime) ??
    (typeof lifetime.detail === 'string' ? lifetime.detail : 'the memory was freed');
  throw new UseAfterFreeError(`use after free: cannot access ${String(what)}: ${end}.`);
}
