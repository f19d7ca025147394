import { AlreadyOwnedError } from '../errors.js';
import { forgetRecord, type LeakRecord, Recording, recordAllocation } from '../leaks/records.js';
import { hexAddress, Lifetime, type MemoryOwner } from '../pointer/lifetime.js';
import { createPointer, type Pointer } from '../pointer/pointer.js';
import { forgetOutParameterBlock, rememberOutParameterBlock } from '../pointer/pointer-fields.js';
import { requireFunction } from '../types/checks.js';
import type { AnyType } from '../types/type.js';
import { doubleFreeError, interiorPointerError, requirePointer } from './allocator.js';

/**
 * The function that gives a block back to the native code that allocated it: a declared function
 * (`libc.func('void sqlite3_free(void *p)')`) or any JavaScript function. It is called once, with
 * the block's address as a bigint (what declared functions and koffi functions take for `void *`),
 * after every pointer into the block has been marked freed.
 * @example `const dealloc: Deallocator = sqlite.func('void sqlite3_free(void *p)');`
 */
export type Deallocator = (address: bigint) => unknown;

/**
 * Addresses of recorded adopted blocks not yet freed: adopting one of them again is refused. Kept
 * only for blocks the leak tracker records (development, `track` scopes): a set that every adopt
 * and free updates costs more than the deallocator's own call.
 */
const adoptedAddresses = new Set<number>();
/** One owner per deallocator, so that messages and leak reports name it. */
const owners = new WeakMap<Deallocator, AdoptedMemory>();
/** The same for blocks adopted from out-parameters, whose addresses pointer reads recognise. */
const outParameterOwners = new WeakMap<Deallocator, AdoptedMemory>();

/**
 * Where a declared function that takes one pointer keeps a call of its native function with the
 * address as a number: what an adopted block's free calls, skipping the argument conversion and
 * the bigint (declared in calls/declare.ts, which sits above this layer).
 */
export const ADDRESS_CALL = Symbol('address call');

/** Owns the blocks adopted with one deallocator: frees each once, through that deallocator. */
class AdoptedMemory implements MemoryOwner {
  readonly name: string;
  readonly unknownExtent = true;
  /** Calls the deallocator with an address. */
  private readonly release: (address: number) => unknown;
  /**
   * True for blocks adopted from a declared function's out-parameter: while live, a pointer read
   * from memory at their address shares their lifetime (see pointer-fields.ts).
   */
  readonly fromOutParameters: boolean;
  constructor(deallocator: Deallocator, fromOutParameters: boolean) {
    this.fromOutParameters = fromOutParameters;
    this.name = deallocator.name === '' ? 'a deallocator' : deallocator.name;
    const addressCall = (deallocator as { [ADDRESS_CALL]?: (address: number) => unknown })[ADDRESS_CALL];
    this.release = addressCall ?? ((address) => deallocator(BigInt(address)));
  }

  freeOwned(pointer: Pointer<AnyType>): void {
    const lifetime = pointer.lifetime;
    if (!lifetime.live) throw doubleFreeError(pointer);
    const block = lifetime.block!;
    if (pointer !== block && pointer.addr !== block.addr) throw interiorPointerError(pointer, block);
    lifetime.live = false;
    const record = lifetime.detail;
    if (record !== undefined) forget(record as LeakRecord, block.addr);
    if (this.fromOutParameters) forgetOutParameterBlock(block.addr);
    this.release(block.addr);
  }

  describeEnd(lifetime: Lifetime): string {
    const block = lifetime.block!;
    return `the block at ${hexAddress(block.addr)} adopted with ${this.name} was freed`;
  }
}

function ownerFor(deallocator: Deallocator, fromOutParameters = false): AdoptedMemory {
  const table = fromOutParameters ? outParameterOwners : owners;
  let owner = table.get(deallocator);
  if (owner === undefined) {
    owner = new AdoptedMemory(deallocator, fromOutParameters);
    table.set(deallocator, owner);
  }
  return owner;
}

/**
 * Takes ownership of memory that native code allocated, with the function that frees it. Returns a
 * new pointer to the same memory (same type and length) that `free()` frees by calling
 * `deallocator(address)` once; the pointer given stays foreign and should not be used to free it.
 * From then on the block is checked like `calloc` memory: a second `free` is a `DoubleFreeError`,
 * an interior pointer a `ForeignPointerError`, any access after the free a `UseAfterFreeError`.
 * Its extent stays what C says it is: `cast(T, n)` and string reads trust the caller, as for
 * foreign memory.
 *
 * The leak tracker records adopted blocks as it records `adaptiveCalloc` ones (while tracking is
 * enabled, and in every `LeakTracker.track` scope), with the allocation site, the type and the
 * deallocator's name as `allocator`; one never freed is a leak in `report()`, `verifyNoLeaks()`,
 * `expectNoLeaks()` and under `FFI_ARENA_LEAKS=fail`.
 *
 * `adopt(NULL, f)` returns `NULL` and records nothing. Adopting an adopted pointer again is
 * refused always; adopting the same address again through another foreign pointer is refused
 * while the leak tracker records it (the check is a set of addresses, kept only then). For memory
 * that should go back when an arena is released, use `arena.adopt(pointer, deallocator)`.
 *
 * @example
 * ```ts
 * const sqlite3_mprintf = sqlite.func('char *sqlite3_mprintf(const char *format, const char *s)');
 * const sqlite3_free = sqlite.func('void sqlite3_free(void *p)');
 * const text = adopt(sqlite3_mprintf('%s!', 'hello'), sqlite3_free);
 * text.toUtf8String(); // 'hello!'
 * free(text);          // sqlite3_free(text), once
 * ```
 * @throws InvalidArgumentError for a deallocator that is not a function or a value that is not a
 *   `Pointer`; AlreadyOwnedError for memory adopted before (and not freed) or allocated by this
 *   library; UseAfterFreeError for a pointer whose memory was freed.
 */
export function adopt<T extends AnyType>(pointer: Pointer<T>, deallocator: Deallocator): Pointer<T> {
  const checked = requirePointer(pointer, 'adopt') as Pointer<T>;
  return adoptWith(ownerFor(requireDeallocator(deallocator, 'adopt')), checked);
}

/**
 * Adopts the block a declared function wrote into an out-parameter (the `free` option of `func`),
 * as `adopt` does; in addition, until it is freed, a pointer read from memory at its address (the
 * out-parameter's `.value`) is this adopted pointer, not a foreign one.
 */
export function adoptOutParameterBlock<T extends AnyType>(
  pointer: Pointer<T>,
  deallocator: Deallocator,
): Pointer<T> {
  const adopted = adoptWith(ownerFor(deallocator, true), pointer);
  if (!adopted.isNull) rememberOutParameterBlock(adopted as Pointer<AnyType>);
  return adopted;
}

function adoptWith<T extends AnyType>(owner: AdoptedMemory, checked: Pointer<T>): Pointer<T> {
  if (checked.isNull) return checked;
  const lifetime = checked.lifetime;
  const address = checked.addr;
  if (lifetime.owner !== null || (adoptedAddresses.size !== 0 && adoptedAddresses.has(address))) {
    refuseOwned(checked);
  }
  const adopted = new Lifetime(owner, 0);
  const result = createPointer(checked.type, address, checked.byteLength, adopted);
  adopted.block = result;
  recordAllocation(result, owner.name, Recording.WhenEnabled);
  if (adopted.detail !== undefined) adoptedAddresses.add(address);
  return result;
}

function forget(record: LeakRecord, address: number): void {
  forgetRecord(record);
  adoptedAddresses.delete(address);
}

/** Checks a deallocator argument (`adopt`, `arena.adopt`, the `free` option of `func`). */
export function requireDeallocator(value: unknown, what: string): Deallocator {
  return requireFunction(
    value,
    what,
    'a deallocator (a declared function, or a function taking the address)',
  ) as Deallocator;
}

function refuseOwned(pointer: Pointer<AnyType>): never {
  const owner = pointer.lifetime.owner;
  if (owner !== null && !(owner instanceof AdoptedMemory)) {
    throw new AlreadyOwnedError(
      `cannot adopt ${pointer}: ${owner.name} allocated it and frees it; only memory native code allocated can be adopted.`,
    );
  }
  throw new AlreadyOwnedError(
    `cannot adopt ${pointer} again: it was adopted and not freed since; free() it once, through the pointer adopt returned.`,
  );
}
