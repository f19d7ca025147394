import { describeValue, InvalidValueError, UnsupportedPlatformError } from '../errors.js';
import type { AnyType } from '../types/type.js';
import { type Lifetime, throwUseAfterFree } from './lifetime.js';
import type { Pointer } from './pointer.js';

/**
 * What reading and writing pointer fields needs from pointer.ts. pointer.ts is above this module
 * (a pointer reads its values through the views and codecs, which read pointer fields here), so
 * it hands these over when it loads, before any pointer exists.
 */
export interface PointerFactory {
  readonly Pointer: typeof Pointer;
  nullPointer<T extends AnyType>(type: T): Pointer<T>;
  foreignPointer<T extends AnyType>(type: T, address: number, byteLength: number): Pointer<T>;
  ownedPointer<T extends AnyType>(
    type: T,
    address: number,
    byteLength: number,
    lifetime: Lifetime,
  ): Pointer<T>;
}

let pointers: PointerFactory;

/** Called once by pointer.ts. */
export function usePointers(factory: PointerFactory): void {
  pointers = factory;
}

/** Rejects addresses a JavaScript number cannot hold, for values read from native memory. */
export function addressFromHalves(low: number, high: number): number {
  if (high >= 0x200000) {
    throw new UnsupportedPlatformError(
      `pointer 0x${high.toString(16)}${low.toString(16).padStart(8, '0')} is above 2^53 and cannot be represented.`,
    );
  }
  return high * 2 ** 32 + low;
}

/**
 * Blocks a declared function's out-parameter handed over and ffi-arena adopted (the `free` option
 * of `func`), by address, while they are live: the caller reads them from the out-parameter, so a
 * pointer read from memory at one of these addresses must own the block, not be foreign. Empty
 * unless such a declaration was called, so plain pointer reads pay one size check.
 */
const outParameterBlocks = new Map<number, Pointer>();

/** Called when an out-parameter's block is adopted: reads of its address give `block` from now on. */
export function rememberOutParameterBlock(block: Pointer): void {
  outParameterBlocks.set(block.addr, block);
}

/** Called when that block is freed: its address reads as foreign memory again. */
export function forgetOutParameterBlock(address: number): void {
  outParameterBlocks.delete(address);
}

/**
 * Reads a pointer stored in native memory. What it points to is not ours, so the result is a
 * foreign pointer to one element of `target` (use `cast(type, count)` to widen it), unless it is a
 * block adopted from an out-parameter: then the pointer shares that block's lifetime.
 */
export function readPointerField<T extends AnyType>(target: T, view: DataView, offset: number): Pointer<T> {
  const address = addressFromHalves(view.getUint32(offset, true), view.getUint32(offset + 4, true));
  if (address === 0) return pointers.nullPointer(target);
  if (outParameterBlocks.size !== 0) {
    const block = outParameterBlocks.get(address);
    if (block !== undefined) return ownedRead(block, target);
  }
  return pointers.foreignPointer(target, address, target.size);
}

/** The adopted `block` as a `target *`: itself when the types agree, else one element of `target`. */
function ownedRead<T extends AnyType>(block: Pointer, target: T): Pointer<T> {
  if (block.type === target) return block as Pointer<AnyType> as Pointer<T>;
  return pointers.ownedPointer(target, block.addr, target.size, block.lifetime);
}

/** Whether C converts a `from *` to a `to *` without a cast: the same type, or `void *` either way. */
export function convertsImplicitly(from: AnyType, to: AnyType): boolean {
  return from === to || from.kind === 'void' || to.kind === 'void';
}

/**
 * Writes a pointer into native memory: a `Pointer` to the declared target type (or `void`, as C
 * converts `void *` implicitly), `NULL`, or a bigint address.
 */
export function writePointerField(
  target: AnyType,
  view: DataView,
  offset: number,
  value: unknown,
  where: string,
): void {
  if (value instanceof pointers.Pointer) {
    const type = (value as Pointer).type;
    if (!convertsImplicitly(type, target)) {
      throw new InvalidValueError(
        `${where} holds a ${target.name}*; got ${value}. Use .cast(${target.name}) if the reinterpretation is intended.`,
      );
    }
    const lifetime = (value as Pointer).lifetime;
    if (lifetime.live === false) throwUseAfterFree(lifetime, `${value} (stored into ${where})`);
    const address = (value as Pointer).addr;
    view.setUint32(offset, address % 2 ** 32, true);
    view.setUint32(offset + 4, Math.floor(address / 2 ** 32), true);
  } else if (typeof value === 'bigint' && BigInt.asUintN(64, value) === value) {
    view.setBigUint64(offset, value, true);
  } else if (value === null) {
    view.setBigUint64(offset, 0n, true); // as a declared call's T* argument takes it
  } else {
    throw new InvalidValueError(
      `${where} holds a ${target.name}*: write a Pointer, NULL, null or a bigint address; got ${describeValue(value)}.`,
    );
  }
}
