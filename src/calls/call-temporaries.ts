import { calloc } from '../allocators/system-allocator.js';
import { Arena, SCOPED_ARENA } from '../arena/arena.js';
import type { Temporaries } from './marshal.js';

/**
 * Holds the copies (strings, structs, bytes) of the call in progress of one declared function. One
 * holder per function, not per call: a call whose arguments need no copy (a `Pointer` for a
 * `const S *`) allocates nothing. A call sets the copies of any call of the same function it
 * interrupted aside (`enter`), and puts them back when it ends (`leave`): a callback may call the
 * function again during the native call.
 */
export class CallTemporaries implements Temporaries {
  private held: Arena | undefined = undefined;

  arena(): Arena {
    // Released by the call itself, like a using() arena: never a leak-tracking entry.
    this.held ??= new Arena(calloc, SCOPED_ARENA);
    return this.held;
  }

  /** Starts a call: returns the copies of an interrupted call, which `leave` puts back. */
  enter(): Arena | undefined {
    const outer = this.held;
    this.held = undefined;
    return outer;
  }

  /** Ends a call (returned or thrown): frees its copies, if it made any. */
  leave(outer: Arena | undefined): void {
    const held = this.held;
    this.held = outer;
    if (held !== undefined) held.releaseAll();
  }
}

/** A holder for a declared function's calls. */
export const newCallTemporaries = (): CallTemporaries => new CallTemporaries();
