import {
  ArenaOwnedPointerError,
  CallbackSlotsExhaustedError,
  DoubleFreeError,
  ForeignPointerError,
  UseAfterFreeError,
} from '../errors.js';
import { UNRECORDED_SITE } from '../leaks/allocation-site.js';
import { forgetRecord, LeakRecord, liveRecords, Recording, recordAllocation } from '../leaks/records.js';
import { registerCallback, unregisterCallback } from '../native/callbacks.js';
import { Lifetime, type MemoryOwner } from '../pointer/lifetime.js';
import { createPointer, Pointer } from '../pointer/pointer.js';
import type { AnyType, FunctionType } from '../types/type.js';
import type { CallbackInvoker } from './callback-invoker.js';

type JsFunction = (...args: unknown[]) => unknown;

/**
 * A function pointer to JavaScript code: what `registerCallback` and `arena.callback` return. Pass
 * it to declared functions or store it in struct fields; it stays callable until it is freed
 * (`free(cb)`, `cb[Symbol.dispose]()`, `using cb = …`) or its arena is released. A call through it
 * after that runs no JavaScript: C receives zero and the JavaScript caller a `UseAfterFreeError`.
 * @example
 * ```ts
 * using cb = registerCallback(CmpFn, (a, b) => a.value - b.value);
 * qsort(items, n, sizeOf(item), cb);
 * ```
 */
export class Callback<F extends FunctionType = FunctionType> extends Pointer<F> {
  /**
   * Frees the callback, as `free(this)`; for `using cb = registerCallback(…)`. Disposing a
   * callback that is already freed does nothing, as disposing twice does in `DisposableStack`
   * (while `free` twice is a `DoubleFreeError`).
   */
  [Symbol.dispose](): void {
    if (this.lifetime.live === false) return;
    (this.lifetime.owner as MemoryOwner).freeOwned(this);
  }

  /** `Callback<CmpFn>(0x7f62386529ad)`. */
  override toString(): string {
    return `Callback<${this.type.name}>(0x${this.addr.toString(16)})`;
  }
}

/** One koffi trampoline, bound to a callback type, serving one callback at a time. */
class Slot {
  /** The JavaScript function it runs, or null once its callback was released. */
  fn: JsFunction | null = null;
  /** The callback it serves or last served: for the message when a stale pointer calls it. */
  callback: Callback | null = null;
  readonly address: number;
  constructor(
    readonly type: FunctionType,
    invoker: CallbackInvoker,
  ) {
    this.address = registerCallback(
      invoker.wrap(
        () => this.fn,
        () => staleCall(this),
      ),
      type,
    );
  }
}

/**
 * How many trampolines this library keeps registered with koffi at most (koffi has 8,192). Live
 * callbacks hold one each; released ones stay registered, quarantined, so that a stale function
 * pointer still lands here and is refused instead of running freed or reused code.
 */
export const SLOT_LIMIT = 8000;
/**
 * A released slot is handed to a new callback of its type only once this many others of that type
 * were released after it (or when no fresh slot is left): a stale pointer is caught at least until
 * then. Beyond that it may reach a newer callback of the same type.
 */
export const QUARANTINE = 1024;

let registeredSlots = 0;
const quarantined = new Map<FunctionType, Slot[]>();
const slotOf = new WeakMap<Callback, Slot>();

/** The error for native code calling a released callback: it ran no JavaScript, C got zero. */
function staleCall(slot: Slot): UseAfterFreeError {
  const callback = slot.callback;
  const end = callback === null ? 'it was freed' : describeEnd(callback.lifetime);
  return new UseAfterFreeError(
    `use after free: native code called the callback ${callback ?? slot.type.name} after it was released (${end}). No JavaScript ran, and C received zero.`,
  );
}

function describeEnd(lifetime: Lifetime): string {
  return (lifetime.owner as MemoryOwner).describeEnd(lifetime);
}

/** Takes a slot for `type`: a quarantined one past its quarantine, else a fresh one, else the oldest released. */
function takeSlot(type: FunctionType, invoker: CallbackInvoker): Slot {
  const waiting = quarantined.get(type);
  if (waiting !== undefined && waiting.length > QUARANTINE) return waiting.shift() as Slot;
  if (registeredSlots < SLOT_LIMIT) {
    const slot = new Slot(type, invoker);
    registeredSlots++;
    return slot;
  }
  if (waiting !== undefined && waiting.length > 0) return waiting.shift() as Slot;
  // Reclaim the oldest released slot of another type: its trampoline is given back to koffi.
  for (const [otherType, slots] of quarantined) {
    const oldest = slots.shift();
    if (oldest === undefined) continue;
    if (slots.length === 0) quarantined.delete(otherType);
    unregisterCallback(oldest.address);
    return new Slot(type, invoker);
  }
  throw exhausted();
}

function exhausted(): CallbackSlotsExhaustedError {
  const sites = new Map<string, number>();
  let live = 0;
  for (const record of liveRecords()) {
    if (record.allocatorName !== REGISTERED.name) continue;
    live++;
    sites.set(record.site.location, (sites.get(record.site.location) ?? 0) + 1);
  }
  const top = [...sites].sort((a, b) => b[1] - a[1]).slice(0, 3);
  const where =
    top.length === 0
      ? 'turn leak tracking on (LeakTracker.enabled) to see where they were registered'
      : top.length === 1 && top[0]![0] === UNRECORDED_SITE.location
        ? 'set LeakTracker.creationSites = true (or FFI_ARENA_LEAK_SITES=1) to see where they were registered'
        : `most were registered at ${top.map(([site, count]) => `${site} (${count})`).join(', ')}`;
  return new CallbackSlotsExhaustedError(
    `no callback slot is left: ${SLOT_LIMIT} are registered (${live} live callbacks known to the leak tracker); ${where}. Free callbacks when done (free(cb), using, or an arena).`,
  );
}

/** Ends a callback's life: its slot stops running JavaScript and waits in quarantine. */
function release(callback: Callback): void {
  const slot = slotOf.get(callback) as Slot;
  callback.lifetime.live = false;
  slot.fn = null;
  const record = callback.lifetime.detail;
  if (record instanceof LeakRecord) forgetRecord(record);
  let waiting = quarantined.get(slot.type);
  if (waiting === undefined) {
    waiting = [];
    quarantined.set(slot.type, waiting);
  }
  waiting.push(slot);
}

/** Callbacks from `registerCallback`: freed by `free(cb)`. */
const REGISTERED: MemoryOwner = {
  name: 'registerCallback',
  freeOwned(pointer) {
    const callback = pointer as Callback;
    if (!(callback instanceof Callback) || slotOf.get(callback) === undefined) {
      throw new ForeignPointerError(
        `cannot free ${pointer}: it is not a callback that registerCallback returned.`,
      );
    }
    if (!callback.lifetime.live) throw new DoubleFreeError(`double free: ${callback} was already freed.`);
    release(callback);
  },
  describeEnd: () => 'it was freed',
};

/** Callbacks from `arena.callback`: released with their arena. */
function arenaOwner(arena: { readonly name?: string }): MemoryOwner {
  return {
    name: arena.name ?? 'an arena',
    freeOwned(pointer) {
      throw new ArenaOwnedPointerError(
        `cannot free ${pointer}: ${arena.name ?? 'its arena'} owns it and releases it with the arena.`,
      );
    },
    describeEnd: () => `${arena.name ?? 'the arena'} that owned it was released`,
  };
}

/**
 * Registers `fn` as a native function of `type`, owned by `owner`. Records it for the leak tracker
 * when registered by `registerCallback` (an arena's own record covers the others).
 */
export function registerOwned(
  type: FunctionType,
  invoker: CallbackInvoker,
  fn: JsFunction,
  arena: { readonly name?: string; defer(cleanup: () => unknown): void } | undefined,
): Callback {
  const slot = takeSlot(type, invoker);
  const lifetime = new Lifetime(arena === undefined ? REGISTERED : arenaOwner(arena), 0);
  const located = createPointer(type as AnyType, slot.address, 0, lifetime);
  const callback = new Callback(type, 0, located.view, located.offset, lifetime);
  lifetime.block = callback;
  slot.fn = fn;
  slot.callback = callback;
  slotOf.set(callback, slot);
  if (arena === undefined) recordAllocation(callback, REGISTERED.name, Recording.WhenEnabled, true);
  else arena.defer(() => release(callback));
  return callback;
}

/** For tests and the bench: trampolines registered with koffi, and those waiting in quarantine. */
export function callbackSlotCounts(): { registered: number; quarantined: number } {
  let waiting = 0;
  for (const slots of quarantined.values()) waiting += slots.length;
  return { registered: registeredSlots, quarantined: waiting };
}
