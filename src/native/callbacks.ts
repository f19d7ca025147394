import { koffi } from './koffi.js';
import { type NativeTypeDescription, toKoffiType } from './koffi-types.js';

/** A JavaScript function koffi calls with native values (numbers, bigints, objects). */
export type NativeCallback = (...args: never[]) => unknown;

/**
 * Registers `callback` as a native function of type `fn` (a `function` description) and returns
 * its address. koffi has a fixed number of such trampolines (8,192): each holds one until
 * `unregisterCallback`.
 */
export function registerCallback(callback: NativeCallback, fn: NativeTypeDescription): number {
  const address = koffi.register(callback, koffi.pointer(toKoffiType(fn))) as unknown as bigint;
  return Number(address);
}

/** Gives a trampoline back to koffi. Calling its address after this is undefined behaviour. */
export function unregisterCallback(address: number): void {
  koffi.unregister(BigInt(address) as never);
}
