import type { Pointer } from '../pointer/pointer.js';
import type { AnyType } from '../types/type.js';
import { foreignPointerError, requirePointer } from './allocator.js';

/**
 * Frees `pointer` with the allocator that allocated it: the low-level escape hatch for memory
 * that must outlive a scope. `free(NULL)` does nothing, as in C.
 *
 * @example
 * ```ts
 * const placement = calloc.alloc(WINDOWPLACEMENT);
 * try { … } finally { free(placement); }
 * ```
 * @throws DoubleFreeError if it was freed already; ForeignPointerError for memory this library
 *   did not allocate or a pointer into the middle of a block; an arena's error for arena memory.
 */
export function free(pointer: Pointer<AnyType>): void {
  const checked = requirePointer(pointer, 'free');
  if (checked.isNull) return;
  const owner = checked.lifetime.owner;
  if (owner === null) throw foreignPointerError(checked);
  owner.freeOwned(checked);
}
