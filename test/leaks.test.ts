import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import {
  Arena,
  adaptiveCalloc,
  adaptiveMalloc,
  calloc,
  diagnosticCalloc,
  free,
  InvalidArgumentError,
  LeakFilters,
  LeakTracker,
  LeakTrackerException,
  malloc,
  type Pointer,
  struct,
  u8,
  u32,
  using,
} from '../src/index.js';
import { expectNoLeaks } from '../src/testing/index.js';
import { runModule } from './support/child-node.js';
import { collectGarbage, locationPath, SITE_START } from './support/runtime.js';

const FILETIME = struct('FILETIME', { dwLowDateTime: u32, dwHighDateTime: u32 });
// A URL, not a path: import() of a Windows path (Z:\\…) would read the drive letter as a scheme.
const SRC = new URL('../src/index.js', import.meta.url).href;

afterEach(() => {
  LeakTracker.reset();
  LeakTracker.enabled = true;
});

/** `file:line` of the line that calls it, to compare with a leak's site. */
function thisLine(): string {
  const frame = String(new Error().stack).split('\n')[2] ?? '';
  const [, file, line] = /((?:file:\/\/|\/).*?):(\d+):\d+\)?$/.exec(frame)!;
  return locationPath(`${file}:${line}`);
}

/** A site without its column, as a path. */
function fileAndLine(site: string): string {
  return locationPath(site.replace(/:\d+$/, ''));
}

/** A report's allocation site followed by `text`, on every runtime (file URLs or paths). */
function siteAfter(text: string): RegExp {
  return new RegExp(`${text} ${SITE_START}`);
}

test('a leak in user code is reported with the file and line that allocated it', () => {
  let leaked: Pointer<typeof FILETIME> | undefined;
  let line = '';
  const leaks = LeakTracker.track(() => {
    [leaked, line] = [adaptiveCalloc.alloc(FILETIME, 2), thisLine()]; // one line, even compiled
  });
  assert.equal(leaks.length, 1);
  assert.equal(fileAndLine(leaks[0]!.site), line);
  assert.deepEqual(
    {
      size: leaks[0]!.size,
      type: leaks[0]!.type,
      allocator: leaks[0]!.allocator,
      address: leaks[0]!.address,
    },
    { size: 16, type: 'FILETIME', allocator: 'adaptiveCalloc', address: leaked!.address },
  );
  assert.match(
    leaks[0]?.stack[0] ?? '',
    /leaks\.test\.[jt]s/, // compiled, or source-mapped (Deno)
    'the stack starts in user code, not in ffi-arena',
  );
  free(leaked!);
});

test('the report groups leaks by site, biggest first, with counts and bytes', () => {
  const small = diagnosticCalloc.alloc(u8, 10);
  const big: Pointer<typeof u8>[] = [];
  for (let i = 0; i < 2; i++) big.push(diagnosticCalloc.alloc(u8, 100)); // one site, twice
  const report = LeakTracker.report();
  assert.match(report, /^ffi-arena: 3 leaks, 210 bytes of native memory not freed/);
  const bigAt = report.search(siteAfter('200 bytes in 2 allocations at'));
  const smallAt = report.search(siteAfter('10 bytes in 1 allocation at'));
  assert.ok(bigAt > 0 && smallAt > bigAt, report);
  assert.match(report, /u8 from diagnosticCalloc/);
  for (const p of [small, ...big]) free(p);
  assert.equal(LeakTracker.report(), 'ffi-arena: no native memory leaks.');
});

test('the JSON report has the same content for tools', () => {
  const p = diagnosticCalloc.alloc(FILETIME);
  const report = JSON.parse(LeakTracker.report({ format: 'json' }));
  assert.equal(report.count, 1);
  assert.equal(report.totalBytes, 8);
  assert.equal(report.sites[0].count, 1);
  assert.equal(report.leaks[0].type, 'FILETIME');
  assert.equal(report.leaks[0].address, `0x${p.address.toString(16)}`);
  free(p);
});

test('verifyNoLeaks throws a LeakTrackerException with the leaks, count and total bytes', () => {
  const p = adaptiveMalloc.alloc(u32, 4);
  assert.throws(
    () => LeakTracker.verifyNoLeaks(),
    (error: unknown) => {
      assert.ok(error instanceof LeakTrackerException);
      assert.equal(error.count, 1);
      assert.equal(error.totalBytes, 16);
      assert.equal(error.leaks.length, 1);
      assert.match(error.message, siteAfter('16 bytes in 1 allocation at'));
      return true;
    },
  );
  free(p);
  assert.doesNotThrow(() => LeakTracker.verifyNoLeaks());
  assert.equal(LeakTracker.hasLeaks, false);
});

test('correct code in each of the seed patterns reports nothing', async () => {
  expectNoLeaks(() => {
    const placement = adaptiveCalloc.alloc(FILETIME); // try / finally
    try {
      placement.ref.dwLowDateTime = 1;
    } finally {
      free(placement);
    }
  });
  expectNoLeaks(() =>
    using((arena) => {
      for (let i = 0; i < 4; i++) arena.alloc(FILETIME).ref.dwHighDateTime = i; // using with several allocations
    }),
  );
  expectNoLeaks(() =>
    using((outer) => {
      outer.alloc(u32); // nested arenas
      using((inner) => inner.alloc(u32));
    }),
  );
  await expectNoLeaks(async () => {
    const globalBuffer = adaptiveCalloc.alloc(u8, 1024); // a global buffer with scoped temporaries
    for (let i = 0; i < 3; i++) {
      await using(async (arena) => {
        arena.alloc(u32).value = i;
        globalBuffer.set(i, i);
      });
    }
    free(globalBuffer);
  });
  const manual = new Arena(adaptiveCalloc); // an arena released by hand
  expectNoLeaks(() => manual.alloc(u8, 50_000));
  manual.releaseAll();
});

test('an arena that is never released is one leak with its creation site and what it holds', () => {
  let arena: Arena | undefined;
  let line = '';
  const leaks = LeakTracker.track(() => {
    [arena, line] = [new Arena(calloc, { name: 'forgotten' }), thisLine()]; // one line, even compiled
    arena.alloc(u8, 100);
    arena.alloc(u8, 28);
  });
  assert.equal(leaks.length, 1);
  assert.deepEqual(
    { kind: leaks[0]!.kind, type: leaks[0]!.type, size: leaks[0]!.size, site: fileAndLine(leaks[0]!.site) },
    { kind: 'arena', type: 'forgotten', size: 128, site: line },
  );
  assert.match(LeakTracker.report(), siteAfter('1 arena never released, holding 128 bytes, created at'));
  arena!.releaseAll();
  assert.equal(LeakTracker.hasLeaks, false);
});

test('an unreleased new Arena() is a leak at the default setting, without its site unless creationSites is on', () => {
  assert.equal(LeakTracker.creationSites, false); // the default
  const before = LeakTracker.live().length;
  const unnamed = new Arena();
  unnamed.alloc(u8, 40);
  const [leak] = LeakTracker.live().slice(before);
  assert.deepEqual(
    { kind: leak?.kind, type: leak?.type, size: leak?.size, at: leak?.at, stack: leak?.stack },
    { kind: 'arena', type: unnamed.name, size: 40, at: undefined, stack: [] },
  );
  assert.match(
    LeakTracker.report(),
    /1 arena never released, holding 40 bytes, created at an unrecorded site \(set LeakTracker\.creationSites = true or FFI_ARENA_LEAK_SITES=1 to record where\)/,
  );
  assert.match(LeakTracker.report({ format: 'json' }), /"at": null/);
  unnamed.releaseAll();
  assert.equal(LeakTracker.live().length, before);

  LeakTracker.creationSites = true;
  try {
    let line = '';
    let sited: Arena | undefined;
    [sited, line] = [new Arena(), thisLine()]; // one line, even compiled
    const [recorded] = LeakTracker.live().slice(before);
    assert.equal(fileAndLine(recorded!.site), line);
    assert.ok(recorded!.at instanceof Date);
    sited.releaseAll();
  } finally {
    LeakTracker.creationSites = false;
  }
  assert.throws(() => {
    LeakTracker.creationSites = 1 as never;
  }, InvalidArgumentError);
});

test('unreleased arenas keep their place in allocation order, and ignore and reset treat them as records', () => {
  const before = LeakTracker.live().length;
  const first = adaptiveCalloc.alloc(u8, 1);
  const arena = new Arena(calloc, { name: 'middle' });
  for (let i = 0; i < 3; i++) new Arena().releaseAll(); // released: reported never, slots reused
  const last = adaptiveCalloc.alloc(u8, 2);
  const later = new Arena(calloc, { name: 'later' });
  assert.deepEqual(
    LeakTracker.live()
      .slice(before)
      .map((leak) => leak.type),
    ['u8', 'middle', 'u8', 'later'],
  );
  const undo = LeakTracker.ignore(arena);
  assert.deepEqual(
    LeakTracker.live()
      .slice(before)
      .map((leak) => leak.type),
    ['u8', 'u8', 'later'],
  );
  undo();
  LeakTracker.reset(); // forgets them all; a new arena may take a forgotten arena's slot
  const next = new Arena(calloc, { name: 'next' });
  later.releaseAll(); // must not forget `next`
  arena.releaseAll();
  assert.deepEqual(
    LeakTracker.live().map((leak) => leak.type),
    ['next'],
  );
  next.releaseAll();
  free(first);
  free(last);
  assert.equal(LeakTracker.live().length, 0);
});

test('FFI_ARENA_LEAKS=fail fails a process that never releases an arena; FFI_ARENA_LEAK_SITES=1 says where', () => {
  const script = `
    const { Arena, u8 } = await import(${JSON.stringify(SRC)});
    globalThis.kept = new Arena();
    globalThis.kept.alloc(u8, 3);`;
  const failed = runModule(script, { ...process.env, FFI_ARENA_LEAKS: 'fail' });
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /1 arena never released, holding 3 bytes, created at an unrecorded site/);
  const sited = runModule(script, { ...process.env, FFI_ARENA_LEAKS: 'fail', FFI_ARENA_LEAK_SITES: '1' });
  assert.equal(sited.status, 1);
  assert.match(sited.stderr, /1 arena never released, holding 3 bytes, created at (file:\/\/)?.*:\d+:\d+/);
  assert.doesNotMatch(sited.stderr, /unrecorded/);
  const exited = runModule(`${script}\n    process.exit(0);`, { ...process.env, FFI_ARENA_LEAKS: 'fail' });
  assert.equal(exited.status, 1, 'process.exit(0) is a success the leak turns into a failure');
  const failing = runModule(`${script}\n    process.exit(7);`, { ...process.env, FFI_ARENA_LEAKS: 'fail' });
  assert.equal(failing.status, 7, "another failure's code is kept");
});

test('a tracked pointer that becomes garbage without being freed is reported as unreachable', async () => {
  (() => {
    diagnosticCalloc.alloc(u32, 3); // dropped at once: nothing can free it any more
  })();
  for (let i = 0; i < 5 && !LeakTracker.live().some((l) => l.unreachable); i++) {
    collectGarbage();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const [leak] = LeakTracker.live();
  assert.equal(leak?.unreachable, true);
  assert.equal(leak?.size, 12);
  assert.match(LeakTracker.report(), /garbage-collected without being freed: the memory is still allocated/);
});

test('an arena dropped unreleased, its site recorded, is reported as unreachable', async () => {
  const sites = LeakTracker.creationSites;
  LeakTracker.creationSites = true;
  try {
    (() => {
      new Arena().alloc(u32, 2); // dropped at once, never released
    })();
    // Reading the records derefs the arena's weak reference, which keeps it alive to the end of
    // that job: each collection runs in a job of its own.
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      collectGarbage();
      await new Promise((resolve) => setImmediate(resolve));
      if (LeakTracker.live().some((l) => l.unreachable)) break;
    }
    const [leak] = LeakTracker.live();
    assert.equal(leak?.kind, 'arena');
    assert.equal(leak?.unreachable, true, 'the record holds no strong reference to the arena');
    assert.match(leak?.site ?? '', /leaks\.test/);
  } finally {
    LeakTracker.creationSites = sites;
  }
});

test('a pointer still reachable through a derived pointer is not reported as unreachable', async () => {
  const derived = (() => diagnosticCalloc.alloc(u32, 4).cast(u8))(); // the base pointer is garbage
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(LeakTracker.live()[0]?.unreachable, false);
  free(derived); // the cast pointer starts the block: it can free it
  assert.equal(LeakTracker.hasLeaks, false);
});

test('production mode records nothing and leaves adaptive allocators as fast as calloc', () => {
  const script = `
    const { adaptiveCalloc, adaptiveMalloc, Arena, LeakTracker, u32 } = await import(${JSON.stringify(SRC)});
    adaptiveCalloc.alloc(u32); adaptiveMalloc.alloc(u32); new Arena();
    console.log(JSON.stringify({ enabled: LeakTracker.enabled, live: LeakTracker.live().length }));`;
  const run = (env: Record<string, string>) =>
    runModule(script, { ...process.env, FFI_ARENA_LEAKS: '', ...env });
  assert.deepEqual(JSON.parse(run({ NODE_ENV: 'production' }).stdout), { enabled: false, live: 0 });
  assert.deepEqual(JSON.parse(run({ NODE_ENV: 'development' }).stdout), { enabled: true, live: 3 });
  assert.deepEqual(JSON.parse(run({ NODE_ENV: 'production', FFI_ARENA_LEAKS: '1' }).stdout), {
    enabled: true,
    live: 3,
  });
});

test('diagnostic allocators record even when tracking is off', () => {
  LeakTracker.enabled = false;
  const quiet = adaptiveCalloc.alloc(u32);
  const loud = diagnosticCalloc.alloc(u32);
  assert.deepEqual(
    LeakTracker.live().map((l) => l.allocator),
    ['diagnosticCalloc'],
  );
  free(quiet);
  free(loud);
});

test('turning tracking off keeps what was recorded until it is freed', () => {
  const p = adaptiveCalloc.alloc(u32);
  LeakTracker.enabled = false;
  assert.equal(LeakTracker.live().length, 1);
  free(p);
  assert.equal(LeakTracker.live().length, 0);
  assert.throws(() => {
    LeakTracker.enabled = 'yes' as never;
  }, InvalidArgumentError);
});

test('track sees only what its function allocated, whatever else allocates meanwhile', async () => {
  const elsewhere: Pointer<typeof u32>[] = [];
  const noise = setInterval(() => elsewhere.push(diagnosticCalloc.alloc(u32)), 1);
  let inside: Pointer<typeof u8> | undefined;
  const leaks = await LeakTracker.track(async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    inside = malloc.alloc(u8, 3);
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
  clearInterval(noise);
  assert.ok(elsewhere.length > 0);
  assert.deepEqual(
    leaks.map((l) => [l.allocator, l.size]),
    [['malloc', 3]],
  );
  free(inside!);
  for (const p of elsewhere) free(p);
});

test("inside track (Dart's runScoped), live, snapshot, hasLeaks, verifyNoLeaks and reset see only what the scope allocated, and tracking reads as enabled", async () => {
  const outside = diagnosticCalloc.alloc(u32);
  LeakTracker.enabled = false;
  const leaks = await LeakTracker.track(async () => {
    assert.equal(LeakTracker.enabled, true, '"enables tracking inside scope"');
    assert.deepEqual(LeakTracker.snapshot(), [], 'the allocation made outside is not seen');
    assert.equal(LeakTracker.hasLeaks, false);
    LeakTracker.verifyNoLeaks();
    await null;
    const inside = calloc.alloc(u8, 3);
    assert.deepEqual(
      LeakTracker.live().map((leak) => leak.address),
      [inside.address],
    );
    assert.equal(LeakTracker.hasLeaks, true);
    assert.throws(
      () => LeakTracker.verifyNoLeaks(),
      (error: unknown) =>
        error instanceof LeakTrackerException && error.count === 1 && error.totalBytes === 3,
    );
    LeakTracker.reset();
    assert.equal(LeakTracker.hasLeaks, false, '"reset clears registry" of the scope');
    free(inside);
  });
  assert.deepEqual(leaks, []);
  assert.equal(LeakTracker.enabled, false);
  assert.deepEqual(
    LeakTracker.live().map((leak) => leak.address),
    [outside.address],
    'a reset inside the scope leaves what was recorded outside it',
  );
  free(outside);
});

/** Allocates for a cache: the allocating line is here, the caller one frame up. */
function cacheEntry(): Pointer<typeof u32> {
  return adaptiveCalloc.alloc(u32);
}
function warmCache(): Pointer<typeof u32> {
  // Work after the call: Bun (JavaScriptCore) runs a call that is a function's last act as a
  // proper tail call, which leaves no frame for that function in the stack.
  const entry = cacheEntry();
  entry.value = 1;
  return entry;
}

test("a stack filter ignores leaks with any frame of their stack matching (Dart's ignoreStackContains); site matches only the allocating line", () => {
  const kept: Pointer<typeof u32>[] = [];
  const trackWarmCache = () => LeakTracker.track(() => kept.push(warmCache()));
  const undoSite = LeakTracker.ignore({ site: 'warmCache' });
  assert.equal(trackWarmCache().length, 1, 'the caller is not part of the site');
  undoSite();
  const undoStack = LeakTracker.ignore({ stack: 'warmCache' });
  assert.deepEqual(trackWarmCache(), []);
  undoStack();
  const undoRegExp = LeakTracker.ignore(LeakFilters.stack(/\bwarmCache\b/));
  assert.deepEqual(trackWarmCache(), []);
  undoRegExp();
  const shown = trackWarmCache();
  assert.equal(shown.length, 1);
  assert.ok(
    shown[0]!.stack.some((frame) => frame.includes('warmCache')),
    shown[0]!.stack.join('\n'),
  );
  for (const p of kept) free(p);
});

test('a LeakTrackerException "must have at least one leak"', () => {
  assert.throws(
    () => new LeakTrackerException([], 'no leaks'),
    /needs at least one leak; got an array of length 0/,
  );
  assert.throws(() => new LeakTrackerException([], ''), InvalidArgumentError);
  assert.equal(new LeakTrackerException([{ size: 8 }], 'one leak').totalBytes, 8);
});

test('ignore takes pointers, arenas, fields and predicates, and can be undone', () => {
  const cache = diagnosticCalloc.alloc(FILETIME);
  const table = diagnosticCalloc.alloc(u32, 10);
  const arena = new Arena();
  const undoPointer = LeakTracker.ignore(cache);
  LeakTracker.ignore(arena);
  const undoType = LeakTracker.ignore({ type: 'u32' });
  assert.equal(LeakTracker.live().length, 0);
  undoType();
  assert.deepEqual(
    LeakTracker.live().map((l) => l.type),
    ['u32'],
  );
  undoPointer();
  const undoFilter = LeakTracker.ignore(
    LeakFilters.or(LeakFilters.address(cache.address), LeakFilters.type(/u3/)),
  );
  assert.equal(LeakTracker.live().length, 0);
  undoFilter();
  LeakTracker.ignore(LeakFilters.not(LeakFilters.site('leaks.test')));
  assert.equal(LeakTracker.live().length, 2, 'both allocations come from this file');
  free(cache);
  free(table);
  arena.releaseAll();
});

test('pooled arena blocks are not leaks', () => {
  expectNoLeaks(() => using((arena) => arena.alloc(u8, 10), adaptiveCalloc));
  Arena.releasePooledBlocks();
});

test('expectNoLeaks fails with every leak and passes once the memory is freed', async () => {
  let kept: Pointer<typeof u32> | undefined;
  assert.throws(
    () =>
      expectNoLeaks(() => {
        kept = calloc.alloc(u32);
      }),
    (error: unknown) =>
      error instanceof LeakTrackerException && /4 bytes in 1 allocation/.test(error.message),
  );
  await assert.rejects(
    expectNoLeaks(async () => {
      await null;
      diagnosticCalloc.alloc(u8, 2);
    }),
    LeakTrackerException,
  );
  free(kept!);
  assert.throws(() => expectNoLeaks('not a function' as never), /expectNoLeaks needs a function/);
  assert.throws(() => LeakTracker.track(1 as never), InvalidArgumentError);
  assert.throws(() => LeakTracker.ignore(42 as never), InvalidArgumentError);
});

test('a report of 100,000 live allocations groups them all', () => {
  const pointers = Array.from({ length: 100_000 }, (_, i) => diagnosticCalloc.alloc(u8, 1 + (i % 3)));
  const report = LeakTracker.report();
  assert.match(report, /^ffi-arena: 100,000 leaks, 199,999 bytes/);
  assert.match(report, siteAfter('199,999 bytes in 100,000 allocations at'));
  for (const p of pointers) free(p);
});

test('FFI_ARENA_LEAKS=report prints the leaks at exit; =fail also fails the process', () => {
  const script = `
    const { adaptiveCalloc, u32 } = await import(${JSON.stringify(SRC)});
    globalThis.kept = adaptiveCalloc.alloc(u32);`;
  const run = (mode: string) => runModule(script, { ...process.env, FFI_ARENA_LEAKS: mode });
  const reported = run('report');
  assert.equal(reported.status, 0);
  assert.match(reported.stderr, /ffi-arena: 1 leak, 4 bytes of native memory not freed/);
  const failed = run('fail');
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /4 bytes in 1 allocation at/);
  assert.equal(run('1').stderr, '');
});
