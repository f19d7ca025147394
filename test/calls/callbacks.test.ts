// Callbacks against a C library that calls them during a call, stores them and calls them later,
// and calls them from another thread. The lifetime rules are those of memory: a released callback
// is never run, and the call that reached it says so.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { callbackSlotCounts, QUARANTINE } from '../../src/calls/callback-registry.js';
import {
  Arena,
  Callback,
  callbackType,
  calloc,
  cType,
  free,
  i32,
  LeakTracker,
  library,
  pointerTo,
  registerCallback,
  struct,
  using,
} from '../../src/index.js';
import { runFile } from '../support/child-node.js';
import { heapBaseline } from '../support/heap-baseline.js';
import { C_CALLS_LIBRARY } from './support.js';

const lib = library(C_CALLS_LIBRARY);
const IntFn = callbackType('int IntFn(int v)');
const types = { types: { IntFn } };
const apply = lib.func('int apply(IntFn *fn, int v)', types);
const store_callback = lib.func('void store_callback(IntFn fn)', types);
const call_stored = lib.func('int call_stored(int v)');
const get_stored = lib.func('IntFn *get_stored(void)', types);

test('a function passed for a callback parameter is called during that call (transient)', () => {
  const seen: number[] = [];
  assert.equal(
    apply((v) => {
      seen.push(v);
      return v * 2;
    }, 21),
    42,
  );
  assert.deepEqual(seen, [21]);
});

test('a registered callback is called later, until it is freed; free twice is a DoubleFreeError', () => {
  const cb = registerCallback(IntFn, (v) => v + 100);
  assert.ok(cb instanceof Callback);
  store_callback(cb);
  assert.equal(call_stored(1), 101);
  assert.equal(get_stored().address, cb.address, 'the stored pointer is the callback');
  free(cb);
  assert.throws(() => call_stored(2), {
    code: 'ERR_USE_AFTER_FREE',
    message: /callback Callback<IntFn>.*it was freed.*No JavaScript ran/,
  });
  assert.throws(() => free(cb), { code: 'ERR_DOUBLE_FREE' });
  assert.throws(
    () => apply(cb, 1),
    { code: 'ERR_USE_AFTER_FREE' },
    'a freed callback is refused as an argument',
  );
});

test('a transient callback that C keeps and calls later is a UseAfterFreeError from the later call', () => {
  store_callback((v: number) => v + 1); // transient: valid during store_callback only
  assert.throws(() => call_stored(1), {
    code: 'ERR_USE_AFTER_FREE',
    message: /during call_stored, native code called a transient callback .*\(registerCallback/,
  });
  store_callback(null);
});

test('disposing a callback twice, or after free(), does nothing more', () => {
  const cb = registerCallback(IntFn, (v) => v);
  {
    using disposed = cb;
    assert.equal(apply(disposed, 4), 4);
  }
  assert.equal(cb.lifetime.live, false);
  cb[Symbol.dispose]();
  const freed = registerCallback(IntFn, (v) => v);
  free(freed);
  freed[Symbol.dispose]();
  assert.throws(() => free(freed), { code: 'ERR_DOUBLE_FREE' });
});

test('an arena callback lives until the arena is released, and free() refuses it', () => {
  const arena = new Arena();
  const cb = arena.callback(IntFn, (v) => v * 3);
  store_callback(cb);
  assert.equal(call_stored(5), 15);
  assert.throws(() => free(cb), { code: 'ERR_ARENA_OWNED' });
  arena.releaseAll();
  assert.throws(() => call_stored(5), {
    code: 'ERR_USE_AFTER_FREE',
    message: /arena #\d+ that owned it was released/,
  });
  assert.throws(() => arena.callback(IntFn, (v) => v), { code: 'ERR_ARENA_RELEASED' });
});

test('native calls through released callbacks never crash and run nothing (child process)', () => {
  const child = join(fileURLToPath(new URL('.', import.meta.url)), 'stale-callback-child.js');
  // Under Deno the child also needs to start gcc and write the library it builds.
  const result = runFile(child, process.env, ['--allow-run', '--allow-write']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(
    result.stdout,
    /^freed: use after free: .*\narena released: .*\ndisposed: .*\nno released callback ran\n$/,
  );
});

test('running out of slots is a typed error that says how many are live and where (child process)', () => {
  const child = join(fileURLToPath(new URL('.', import.meta.url)), 'slots-exhausted-child.js');
  // Under Deno the child also needs to start gcc and write the library it builds.
  const permissions = ['--allow-run', '--allow-write'];
  const withSites = runFile(child, { ...process.env, FFI_ARENA_LEAK_SITES: '1' }, permissions);
  assert.equal(withSites.status, 0, withSites.stderr);
  assert.match(
    withSites.stdout,
    /^8000 ERR_CALLBACK_SLOTS: no callback slot is left: 8000 are registered \(8000 live callbacks known to the leak tracker\); most were registered at .*slots-exhausted-child\.(js|ts):\d+:\d+ \(8000\)/,
  );
  // Without creation sites (the default) the error says how to get them.
  const { FFI_ARENA_LEAK_SITES: _, ...environment } = process.env;
  const withoutSites = runFile(child, environment, permissions);
  assert.equal(withoutSites.status, 0, withoutSites.stderr);
  assert.match(
    withoutSites.stdout,
    /^8000 ERR_CALLBACK_SLOTS: .*\(8000 live callbacks known to the leak tracker\); set LeakTracker\.creationSites = true \(or FFI_ARENA_LEAK_SITES=1\) to see where they were registered\./,
  );
});

test('a released slot is not handed to a new callback while it is in quarantine', () => {
  const stale = registerCallback(IntFn, () => 1);
  store_callback(stale);
  const staleAddress = stale.address;
  free(stale);
  const fresh: Callback<typeof IntFn>[] = [];
  let freshRuns = 0;
  for (let i = 0; i < 64; i++) fresh.push(registerCallback(IntFn, () => ++freshRuns));
  assert.ok(fresh.every((cb) => cb.address !== staleAddress));
  assert.throws(() => call_stored(1), { code: 'ERR_USE_AFTER_FREE' });
  assert.equal(freshRuns, 0, 'no newer callback ran through the stale pointer');
  for (const cb of fresh) free(cb);
});

test('10,000 register/release cycles leave no live callback, a bounded number of slots and no memory', () => {
  const heapBack = heapBaseline(8 * 1024 * 1024);
  for (let i = 0; i < 10_000; i++) {
    const cb = registerCallback(IntFn, (v) => v + i);
    if (i % 1000 === 0) assert.equal(apply(cb, 1), 1 + i);
    free(cb);
  }
  for (let i = 0; i < 1000; i++)
    using((arena) =>
      apply(
        arena.callback(IntFn, (v) => v),
        i,
      ),
    );
  assert.equal(LeakTracker.live().filter((leak) => leak.allocator === 'registerCallback').length, 0);
  const { registered, quarantined } = callbackSlotCounts();
  assert.ok(registered <= QUARANTINE + 100, `registered trampolines stay bounded: ${registered}`);
  assert.ok(quarantined <= registered);
  heapBack('10,000 callback cycles');
});

test('an exception thrown by a callback reaches the caller of the native function, with its own stack', () => {
  function failingComparator(): number {
    throw new RangeError('from the callback');
  }
  assert.throws(
    () => apply(failingComparator, 1),
    (error: Error) => error instanceof RangeError && /failingComparator/.test(error.stack ?? ''),
  );
  assert.equal(
    apply((v) => v, 7),
    7,
    'the next call is not affected',
  );
});

test('a callback result out of its C type is an InvalidValueError; C receives zero', () => {
  const U8Fn = callbackType('uint8_t U8Fn(int v)');
  const apply_u8 = lib.func('int apply_u8(U8Fn *fn, int v)', { types: { U8Fn } });
  assert.equal(
    apply_u8((v) => v, 200),
    200,
  );
  assert.throws(() => apply_u8((v) => v, 300), {
    code: 'ERR_INVALID_VALUE',
    message: /callback U8Fn.*0 to 255/,
  });
  // @ts-expect-error: the callback must return a number.
  assert.throws(() => apply_u8(() => 'x', 1), { code: 'ERR_INVALID_VALUE' });
});

test('pointer parameters arrive as typed Pointers valid only while the callback runs; 64-bit as bigint', () => {
  const pair = struct('pair', { key: i32, value: cType('double') });
  const VisitFn = callbackType('int VisitFn(struct pair *item, int index)', { types: { pair } });
  const visit_pairs = lib.func('int visit_pairs(struct pair *items, int n, VisitFn *visit)', {
    types: { pair, VisitFn },
  });
  let kept: ReturnType<typeof calloc.alloc<typeof pair>> | undefined;
  using((arena) => {
    const items = arena.alloc(pair, 3);
    for (let i = 0; i < 3; i++) items.at(i).ref.key = i * 10;
    const sum = visit_pairs(items, 3, (item, index) => {
      kept = item;
      return item.ref.key + index;
    });
    assert.equal(sum, 0 + 10 + 20 + 0 + 1 + 2);
  });
  assert.throws(() => kept?.ref.key, { code: 'ERR_USE_AFTER_FREE', message: /argument of callback VisitFn/ });
  const I64Fn = callbackType('int64_t I64Fn(int64_t v)');
  const apply_i64 = lib.func('int64_t apply_i64(I64Fn *fn, int64_t v)', { types: { I64Fn } });
  assert.equal(
    apply_i64((v) => {
      assert.equal(typeof v, 'bigint');
      return v * 2n;
    }, 2n ** 40n),
    2n ** 41n,
  );
});

test('a callback is stored in a struct field and called through it', () => {
  const handler = struct('handler', { id: i32, fn: IntFn });
  const call_handler = lib.func('int call_handler(const struct handler *h, int v)', { types: { handler } });
  using((arena) => {
    const h = arena.alloc(handler);
    h.ref.id = 1000;
    h.ref.fn = arena.callback(IntFn, (v) => v * v);
    assert.equal(call_handler(h, 12), 1144);
    assert.equal(h.ref.fn.type, IntFn);
  });
});

test('a registered callback never freed is a leak with its type and site', () => {
  const leaks = LeakTracker.track(() => {
    LeakTracker.enabled = true;
    registerCallback(IntFn, (v) => v);
  });
  assert.equal(leaks.length, 1);
  assert.equal(leaks[0]?.type, 'IntFn');
  assert.equal(leaks[0]?.allocator, 'registerCallback');
  assert.match(leaks[0]?.site ?? '', /callbacks\.test/);
});

test('a callback called from another native thread runs on the main thread', async () => {
  const call_from_thread = lib.func('void call_from_thread(IntFn *fn, int v)', types);
  const join_thread = lib.func('void join_thread(void)');
  const values: number[] = [];
  const arrived = new Promise<void>((resolve) => {
    const cb = registerCallback(IntFn, (v) => {
      values.push(v);
      free(cb);
      resolve();
      return 0;
    });
    call_from_thread(cb, 77);
  });
  // koffi queues the call to the event loop; keep the loop alive while the thread gets there.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the thread never called back')), 10_000);
  });
  try {
    await Promise.race([arrived, timeout]);
  } finally {
    clearTimeout(timer);
  }
  join_thread(); // the thread has left the callback: nothing native is still running at exit
  assert.deepEqual(values, [77]);
});

test('bad input: a non-function, data pointers and callbacks mixed up, a released arena', () => {
  // @ts-expect-error: a callback needs a function.
  assert.throws(() => registerCallback(IntFn, 42), { code: 'ERR_INVALID_ARGUMENT' });
  // @ts-expect-error: a struct type is not a callback type.
  assert.throws(() => registerCallback(struct('S', { a: i32 }), () => 0), { code: 'ERR_INVALID_ARGUMENT' });
  using((arena) => {
    const data = arena.alloc(i32);
    // @ts-expect-error: a data pointer where a function pointer is declared.
    assert.throws(() => apply(data, 1), { code: 'ERR_INVALID_VALUE', message: /declared IntFn\*/ });
    const takes_data = lib.func('int byte_length(const char *s)');
    // @ts-expect-error: a callback where a data pointer is declared.
    assert.throws(() => takes_data(arena.callback(IntFn, (v) => v)), { code: 'ERR_INVALID_VALUE' });
    const slot = arena.alloc(pointerTo(i32));
    const cb = arena.callback(IntFn, (v) => v);
    assert.throws(
      () => {
        // @ts-expect-error: a callback is not an int *.
        slot.value = cb;
      },
      { code: 'ERR_INVALID_VALUE' },
    );
  });
  assert.throws(() => callbackType('int F(int, ...)'), { code: 'ERR_INVALID_SIGNATURE' });
  assert.throws(() => calloc.alloc(IntFn as never), {
    code: 'ERR_INVALID_TYPE',
    message: /function type IntFn/,
  });
});
