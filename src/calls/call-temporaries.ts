import { calloc } from '../allocators/system-allocator.js';
import { Arena, SCOPED_ARENA } from '../arena/arena.js';
import type { Temporaries } from './marshal.js';

/** Holds a call's string copies; makes its arena only when the call has a string argument. */
export class CallTemporaries implements Temporaries {
  private held: Arena | undefined = undefined;

  arena(): Arena {
    // Released by the call itself, like a using() arena: never a leak-tracking entry.
    this.held ??= new Arena(calloc, SCOPED_ARENA);
    return this.held;
  }

  release(): void {
    this.held?.releaseAll();
  }
}

/** A fresh holder per call. */
export const newCallTemporaries = (): CallTemporaries => new CallTemporaries();
