// What a scope costs, every way one is opened: `using()`, the TypeScript `using` declaration,
// `new Arena()` + `releaseAll()`, and their async forms, with leak tracking at its default (on,
// as in development: these processes do not set NODE_ENV or FFI_ARENA_LEAKS).
import { Arena, struct, u32, using } from '../src/index.js';
import type { BenchCase } from './harness.js';

const FILETIME = struct('FILETIME', { dwLowDateTime: u32, dwHighDateTime: u32 });
let sink = 0;

/** The body every synchronous form runs: 4 allocations, one field write each (the C loop's work). */
function fourWrites(arena: Arena, i: number): void {
  arena.alloc(FILETIME).ref.dwLowDateTime = i;
  arena.alloc(FILETIME).ref.dwLowDateTime = i;
  arena.alloc(FILETIME).ref.dwLowDateTime = i;
  arena.alloc(FILETIME).ref.dwLowDateTime = i;
}

/** The least disposable object: what a `using` block costs when disposing does nothing. */
class Trivial {
  live = true;
  [Symbol.dispose](): void {
    this.live = false;
  }
}

/**
 * The floor under the `using arena =` form, whatever the arena does: a `using` block with a
 * trivial disposable, compiled by tsc (its helpers) and, where the runtime parses it, run natively;
 * against the same work in a try/finally.
 */
function usingMechanismCases(): BenchCase[] {
  const cases: BenchCase[] = [
    {
      name: 'language: try/finally, trivial disposable',
      group: 'using mechanism',
      operations: 2e6,
      run(n) {
        for (let i = 0; i < n; i++) {
          const resource = new Trivial();
          try {
            sink += i;
          } finally {
            resource[Symbol.dispose]();
          }
        }
      },
    },
    {
      name: 'language: using (TypeScript ES2022 helpers), trivial disposable',
      group: 'using mechanism',
      operations: 2e6,
      run(n) {
        for (let i = 0; i < n; i++) {
          using _resource = new Trivial();
          sink += i;
        }
      },
    },
  ];
  const native = nativeUsingLoop();
  if (native !== undefined) {
    cases.push({
      name: 'language: using (native), trivial disposable',
      group: 'using mechanism',
      operations: 2e5,
      run(n) {
        sink += native(n);
      },
    });
  }
  return cases;
}

/** The same loop with the runtime's own `using`, or undefined where it cannot parse one (Node 20). */
function nativeUsingLoop(): ((n: number) => number) | undefined {
  const source = `return (n) => { let total = 0; for (let i = 0; i < n; i++) { using resource = new Trivial(); total += i; } return total; };`;
  try {
    return new Function('Trivial', source)(Trivial) as (n: number) => number;
  } catch {
    return undefined;
  }
}

export const SCOPE_CASES: BenchCase[] = [
  {
    name: 'ffi-arena: using() scope, nothing allocated',
    operations: 2e6,
    run(n) {
      for (let i = 0; i < n; i++) sink += using(() => i);
    },
  },
  {
    name: 'ffi-arena: using() scope, 4×alloc(FILETIME)+write',
    group: 'scope forms', // side by side in the same processes: the ratios are finer than their variation
    operations: 1e6,
    run(n) {
      for (let i = 0; i < n; i++) using((arena) => fourWrites(arena, i));
    },
  },
  {
    // Compiled by tsc for ES2022 (Node 20 has no native `using`): TypeScript's own helpers run.
    name: 'ffi-arena: using arena = new Arena(), 4×alloc+write',
    group: 'scope forms',
    operations: 1e6,
    run(n) {
      for (let i = 0; i < n; i++) {
        using arena = new Arena();
        fourWrites(arena, i);
      }
    },
  },
  {
    name: 'ffi-arena: new Arena()+releaseAll(), 4×alloc+write',
    group: 'scope forms',
    operations: 1e6,
    run(n) {
      for (let i = 0; i < n; i++) {
        const arena = new Arena();
        fourWrites(arena, i);
        arena.releaseAll();
      }
    },
  },
  {
    name: 'ffi-arena: await using(async), 4×alloc+write',
    group: 'async scope forms',
    operations: 2e5,
    async run(n) {
      for (let i = 0; i < n; i++) {
        await using(async (arena) => fourWrites(arena, i));
      }
    },
  },
  {
    name: 'ffi-arena: await using arena = new Arena(), 4×alloc+write',
    group: 'async scope forms',
    operations: 2e5,
    async run(n) {
      for (let i = 0; i < n; i++) {
        await using arena = new Arena();
        fourWrites(arena, i);
      }
    },
  },
  ...usingMechanismCases(),
];

/** Keeps the scopes' results alive. */
export function scopeSink(): number {
  return sink;
}
