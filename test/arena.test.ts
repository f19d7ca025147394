import assert from 'node:assert/strict';
import { test } from 'node:test';
import { V8_INLINING_LIMIT } from '../src/arena/using.js';
import {
  Arena,
  ArenaOwnedPointerError,
  ArenaReleasedError,
  array,
  calloc,
  free,
  i32,
  malloc,
  type Pointer,
  SuppressedError,
  struct,
  UseAfterFreeError,
  u8,
  u16,
  u32,
  u64,
  using,
  WrongAllocatorError,
} from '../src/index.js';
import { runModule } from './support/child-node.js';
import { CountingAllocator, countingMalloc } from './support/counting-allocator.js';
import { heapBaseline } from './support/heap-baseline.js';
import { runtime } from './support/runtime.js';

const FILETIME = struct('FILETIME', { dwLowDateTime: u32, dwHighDateTime: u32 });
const NAMED = struct('NAMED', { id: u32, name: array(u16, 4), at: struct('AT', { x: i32, y: i32 }) });

test('using returns what the callback returns and releases the arena afterwards', () => {
  let kept: Pointer<typeof FILETIME> | undefined;
  const result = using((arena) => {
    kept = arena.alloc(FILETIME);
    kept.ref.dwLowDateTime = 7;
    return kept.ref.dwLowDateTime;
  });
  assert.equal(result, 7);
  assert.throws(() => kept!.ref.dwLowDateTime, UseAfterFreeError);
});

test('using with an async callback releases only after its promise settles', async () => {
  let kept: Pointer<typeof u32> | undefined;
  const pending = using(async (arena) => {
    kept = arena.alloc(u32);
    await new Promise((resolve) => setTimeout(resolve, 5));
    kept.value = 5; // still live across the await
    return kept.value;
  });
  assert.ok(pending instanceof Promise);
  assert.equal(await pending, 5);
  assert.throws(() => kept!.value, UseAfterFreeError);
});

test('an exception inside using releases everything, then propagates', () => {
  let kept: Pointer<typeof u32> | undefined;
  assert.throws(
    () =>
      using((arena) => {
        kept = arena.alloc(u32);
        throw new Error('inside');
      }),
    /inside/,
  );
  assert.throws(() => kept!.value, UseAfterFreeError);
});

test('a rejection inside an async using releases everything, then rejects', async () => {
  let kept: Pointer<typeof u32> | undefined;
  await assert.rejects(
    using(async (arena) => {
      kept = arena.alloc(u32);
      await null;
      throw new Error('rejected');
    }),
    /rejected/,
  );
  assert.throws(() => kept!.value, UseAfterFreeError);
});

test('a failing cleanup after a failing callback is chained onto the callback error', () => {
  assert.throws(
    () =>
      using((arena) => {
        arena.defer(() => {
          throw new Error('cleanup');
        });
        throw new Error('body');
      }),
    (error: unknown) => {
      assert.ok(error instanceof SuppressedError);
      assert.equal((error.error as Error).message, 'cleanup');
      assert.equal((error.suppressed as Error).message, 'body');
      return true;
    },
  );
});

test('a TypeScript `using` declaration releases the arena at the end of the block', () => {
  let kept: Pointer<typeof u32> | undefined;
  {
    using arena = new Arena();
    kept = arena.alloc(u32);
    kept.value = 1;
  }
  assert.throws(() => kept!.value, UseAfterFreeError);
});

test('an `await using` declaration releases the arena at the end of the block', async () => {
  let kept: Pointer<typeof u32> | undefined;
  {
    await using arena = new Arena();
    kept = arena.alloc(u32);
    await null;
    kept.value = 2;
  }
  assert.throws(() => kept!.value, UseAfterFreeError);
});

test('Symbol.asyncDispose releases at once and settles: rejected with what a cleanup threw', async () => {
  const arena = new Arena();
  const p = arena.alloc(u32);
  arena.defer(() => {
    throw new Error('cleanup failed');
  });
  const disposed = arena[Symbol.asyncDispose]();
  assert.throws(() => p.value, UseAfterFreeError); // released before the promise is awaited
  await assert.rejects(disposed, /cleanup failed/);
  await new Arena()[Symbol.asyncDispose](); // a clean release resolves
});

test('nested arenas have independent lifetimes', () => {
  using((outer) => {
    const global = outer.alloc(u32);
    let temp: Pointer<typeof u32> | undefined;
    using((inner) => {
      temp = inner.alloc(u32);
      temp.value = 1;
    });
    assert.throws(() => temp!.value, UseAfterFreeError);
    global.value = 2;
    assert.equal(global.value, 2);
  });
});

test('a released arena refuses allocations and cleanups; releasing again does nothing', () => {
  const arena = new Arena();
  arena.releaseAll();
  assert.equal(arena.isReleased, true);
  assert.throws(() => arena.alloc(u32), ArenaReleasedError);
  assert.throws(() => arena.allocate(8), /cannot allocate: arena #\d+ has been released/);
  assert.throws(() => arena.defer(() => {}), ArenaReleasedError);
  assert.doesNotThrow(() => arena.releaseAll());
  assert.doesNotThrow(() => arena[Symbol.dispose]());
});

test('releaseAll({ reuse: true }) keeps the arena open, ends old pointers and zeroes reused memory', () => {
  const arena = new Arena();
  const first = arena.alloc(u64, 4);
  first.set(0, 0xffn);
  first.set(3, 0xeen);
  arena.releaseAll({ reuse: true });
  assert.equal(arena.isReleased, false);
  assert.throws(() => first.get(0), UseAfterFreeError);
  const second = arena.alloc(u64, 4);
  assert.equal(second.address, first.address, 'the same block is reused');
  assert.deepEqual(
    [0, 1, 2, 3].map((i) => second.get(i)),
    [0n, 0n, 0n, 0n],
  );
  arena.releaseAll();
});

test('cleanups run last-registered first, before the memory is freed', () => {
  const order: string[] = [];
  using((arena) => {
    const p = arena.alloc(u32);
    p.value = 42;
    arena.defer(() => order.push(`first sees ${p.value}`));
    arena.defer(() => order.push('second'));
    arena.defer(() => order.push('third'));
  });
  assert.deepEqual(order, ['third', 'second', 'first sees 42']);
});

test('a throwing cleanup does not stop the others nor the freeing, and is thrown afterwards', () => {
  const backing = new CountingAllocator();
  const ran: number[] = [];
  const arena = new Arena(backing);
  arena.alloc(u32);
  arena.alloc(u8, 100_000);
  arena.defer(() => ran.push(1));
  arena.defer(() => {
    throw new Error('only failure');
  });
  arena.defer(() => ran.push(3));
  assert.equal(backing.live, 2);
  assert.throws(() => arena.releaseAll(), /only failure/);
  assert.deepEqual(ran, [3, 1]);
  assert.equal(arena.isReleased, true);
  assert.equal(backing.live, 0, 'every allocation was freed');
});

test('several throwing cleanups are chained as SuppressedErrors, newest outermost', () => {
  const arena = new Arena();
  for (const name of ['a', 'b', 'c']) {
    arena.defer(() => {
      throw new Error(name);
    });
  }
  assert.throws(
    () => arena.releaseAll(),
    (error: unknown) => {
      assert.ok(error instanceof SuppressedError);
      assert.equal((error.error as Error).message, 'a');
      const inner = error.suppressed as InstanceType<typeof SuppressedError>;
      assert.equal((inner.error as Error).message, 'b');
      assert.equal((inner.suppressed as Error).message, 'c');
      return true;
    },
  );
});

test('adopt returns the value and releases it with the arena; use disposes a disposable', () => {
  const released: unknown[] = [];
  const handle = using((arena) => {
    const h = arena.adopt({ handle: 7 }, (v) => released.push(v));
    arena.use({ [Symbol.dispose]: () => released.push('disposed') });
    assert.equal(arena.use(null), null);
    return h;
  });
  assert.deepEqual(released, ['disposed', handle]);
});

test('arena.free does nothing to its own memory and refuses memory it does not own', () => {
  using((arena) => {
    const p = arena.alloc(u32);
    arena.free(p);
    p.value = 3;
    assert.equal(p.value, 3);
    const other = calloc.alloc(u32);
    assert.throws(() => arena.free(other), WrongAllocatorError);
    free(other);
  });
});

test('the top-level free refuses arena memory and names the arena', () => {
  const arena = new Arena(undefined, { name: 'request arena' });
  const p = arena.alloc(u32);
  assert.throws(() => free(p), ArenaOwnedPointerError);
  assert.throws(() => free(p), /belongs to request arena/);
  arena.releaseAll();
});

test('every pointer derived from arena memory throws UseAfterFreeError after release', () => {
  const arena = new Arena();
  const p = arena.alloc(NAMED, 3);
  const derived = {
    at: p.at(2),
    cast: p.cast(u8),
    ref: p.ref,
    nested: p.ref.at,
    array: p.ref.name,
    element: p.get(1),
  };
  arena.releaseAll();
  assert.throws(() => derived.at.ref.id, UseAfterFreeError);
  assert.throws(() => derived.cast.get(0), UseAfterFreeError);
  assert.throws(() => derived.ref.id, UseAfterFreeError);
  assert.throws(() => derived.nested.x, UseAfterFreeError);
  assert.throws(() => derived.array.get(0), UseAfterFreeError);
  assert.throws(() => derived.element.id, UseAfterFreeError);
  assert.throws(() => p.toUtf8String(), UseAfterFreeError);
  assert.throws(() => derived.ref.id, /NAMED\.id: arena #\d+ that owned it was released/);
});

test('allocations are aligned for their type and for explicit alignments', () => {
  using((arena) => {
    arena.alloc(u8);
    const wide = arena.alloc(u64);
    assert.equal(wide.address % 8n, 0n);
    arena.alloc(u8, 3);
    for (const alignment of [16, 32, 64, 4096]) {
      assert.equal(arena.allocate(5, alignment).address % BigInt(alignment), 0n, `aligned to ${alignment}`);
    }
  });
});

test('arena memory is zeroed: in blocks reused from earlier arenas over malloc, and over an allocator that does not zero', () => {
  for (const backing of [malloc, malloc, countingMalloc()]) {
    using((arena) => {
      const p = arena.alloc(u8, 4000);
      for (let i = 0; i < 4000; i++) assert.equal(p.get(i), 0, `${backing.name} byte ${i}`);
      for (let i = 0; i < 4000; i++) p.set(i, 0xcd);
      const large = arena.alloc(u8, 50_000);
      assert.equal(large.get(49_999), 0);
    }, backing);
  }
});

test('over calloc, small allocations are bump-allocated from one pooled block; large ones are freed at release', () => {
  Arena.releasePooledBlocks();
  using((arena) => {
    const first = arena.alloc(FILETIME);
    for (let i = 1; i < 1000; i++) assert.equal(arena.alloc(FILETIME).address, first.address + BigInt(8 * i));
  });
  const heapIsBack = heapBaseline(8 * 1024 * 1024); // 40 MB if the large allocations stayed
  for (let scope = 0; scope < 1000; scope++) {
    using((arena) => {
      arena.alloc(FILETIME, 100);
      arena.alloc(u8, 40_000); // above 16 KiB: from calloc itself
    });
  }
  assert.equal(Arena.releasePooledBlocks(), 1, 'one block served all 1,001 scopes');
  heapIsBack('1,000 scopes with a 40,000-byte allocation each');
});

test('scopes over calloc reuse the pooled block: a warm scope takes no new memory', () => {
  Arena.releasePooledBlocks();
  for (let i = 0; i < 1000; i++) using((arena) => arena.alloc(FILETIME, 4));
  assert.equal(Arena.releasePooledBlocks(), 1);
});

test("an arena over your own allocator uses that allocator, as Dart's does: a counting allocator under using sees every allocation and gets every byte back", () => {
  const counting = new CountingAllocator();
  using((arena) => {
    arena.alloc(u32);
    const wide = arena.alloc(u64, 3);
    arena.allocate(10, 64);
    arena.alloc(u8, 100_000);
    assert.equal(counting.allocations, 4, 'one allocation per arena allocation');
    assert.equal(counting.liveBytes, 4 + 24 + 10 + 100_000);
    assert.equal(counting.frees, 0, 'nothing goes back before the arena is released');
    assert.equal(wide.address % 8n, 0n);
    assert.equal(wide.get(2), 0n, 'zeroed, as all arena memory');
  }, counting);
  assert.equal(counting.frees, 4);
  assert.equal(counting.liveBytes, 0);
  using(() => undefined, counting);
  assert.equal(counting.allocations, 4, 'an arena that allocates nothing takes nothing');
});

test('nested arenas: an arena over an arena allocates from it, and the outer arena frees it all', () => {
  const counting = new CountingAllocator();
  using((outer) => {
    const kept = outer.alloc(u32);
    kept.value = 7;
    let inner: Pointer<typeof u32> | undefined;
    using((innerArena) => {
      inner = innerArena.alloc(u32);
      inner.value = 9;
      assert.equal(
        counting.allocations,
        2,
        'the inner allocation went through the outer arena to the counting allocator',
      );
    }, outer);
    assert.throws(() => inner!.value, UseAfterFreeError);
    assert.equal(kept.value, 7);
    assert.equal(
      counting.frees,
      0,
      'arena.free does nothing: the outer arena holds the memory until its release',
    );
  }, counting);
  assert.equal(counting.live, 0);
  assert.equal(counting.liveBytes, 0);
});

test('an arena over a released arena refuses to allocate', () => {
  // The outer arena's memory is gone: an inner arena must not find it in a pool (that crashed Node).
  const outer = new Arena();
  using((inner) => inner.alloc(u32), outer);
  outer.releaseAll();
  assert.throws(() => using((inner) => inner.alloc(u32), outer), ArenaReleasedError);
});

test('releaseAll({ reuse: true }): allocations during release callbacks are allowed, and the arena is still empty when it returns', () => {
  for (const backing of [new CountingAllocator(), calloc]) {
    const heapIsBack = heapBaseline(8 * 1024 * 1024); // 40 MB if what release callbacks made stayed
    const arena = new Arena(backing);
    for (let round = 0; round < 1000; round++) {
      arena.alloc(u32);
      let madeDuringRelease: Pointer<typeof u32> | undefined;
      arena.defer(() => {
        madeDuringRelease = arena.alloc(u32);
        arena.alloc(u8, 40_000);
        arena.defer(() => arena.alloc(FILETIME)); // registered during release: runs in it too
      });
      arena.releaseAll({ reuse: true });
      assert.equal(arena.bytesInUse, 0);
      assert.throws(() => madeDuringRelease!.value, UseAfterFreeError);
      if (backing instanceof CountingAllocator) {
        assert.equal(backing.live, 0, `round ${round}: every allocation went back`);
        assert.equal(backing.allocations, 4 * (round + 1));
      }
    }
    arena.alloc(u32).value = 1; // still open
    arena.releaseAll();
    heapIsBack(`1,000 reuses of an arena over ${backing.name}`);
  }
});

test('an arena with no Allocator, or with callbacks that are not functions, is refused', () => {
  assert.throws(() => new Arena({} as never), /needs an Allocator/);
  using((arena) => {
    assert.throws(() => arena.defer('x' as never), /defer needs a function; got "x"/);
    assert.throws(() => arena.adopt(1, null as never), /adopt needs a release function/);
    assert.throws(() => arena.use({} as never), /needs an object with \[Symbol\.dispose\]/);
  });
  assert.throws(() => using('not a function' as never), /using needs a function/);
});

test('pooled blocks go back to the heap when the process exits', () => {
  const script = `
    const { Arena, using, u32 } = await import(${JSON.stringify(new URL('../src/index.js', import.meta.url).href)});
    using((arena) => arena.alloc(u32));
    process.on('exit', () => console.log('pooled at exit', Arena.releasePooledBlocks()));`;
  const result = runModule(script);
  assert.equal(result.stderr, '');
  assert.equal(result.stdout.trim(), 'pooled at exit 0');
});

test(
  'a scope body is never inlined into the code that opened the scope: its caller is longer than V8 inlines',
  { skip: runtime !== 'node' && 'the bytecode listing is a node option' },
  () => {
    const script = `
      const { using } = await import(${JSON.stringify(new URL('../src/index.js', import.meta.url).href)});
      for (let i = 0; i < 3; i++) using(() => i);`;
    const result = runModule(script, process.env, ['--print-bytecode', '--print-bytecode-filter=callBody']);
    const length = Number(/Bytecode length: (\d+)/.exec(result.stdout)?.[1]);
    const options = runModule('', process.env, ['--v8-options']).stdout;
    const limit = Number(/--max-inlined-bytecode-size=(\d+)/.exec(options)?.[1]);
    assert.equal(limit, V8_INLINING_LIMIT, 'this V8 inlines functions up to another size');
    assert.ok(length > limit, `callBody has ${length} bytes of bytecode; V8 inlines up to ${limit}`);
  },
);
