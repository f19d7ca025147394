// Memory that native code allocated, adopted with its own deallocator: a C library built for this
// platform hands out tagged blocks and counts each free by the right function, so every test
// knows each block went back exactly once, and through which function.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AlreadyOwnedError,
  Arena,
  adopt,
  calloc,
  DoubleFreeError,
  ForeignPointerError,
  free,
  InvalidArgumentError,
  InvalidSignatureError,
  i32,
  LeakTracker,
  LeakTrackerException,
  NULL,
  Pointer,
  pointerTo,
  struct,
  UseAfterFreeError,
  u8,
  using,
} from '../../src/index.js';
import { expectNoLeaks } from '../../src/testing/index.js';
import { win32Library } from '../../src/win32/index.js';
import {
  checkFreesAfterEachTest,
  cMemory,
  cm_buffer_free,
  cm_buffer_frees,
  cm_string_free,
  counted,
  runUnderLeaksFail,
} from './c-memory.js';
import { C_MEMORY_LIBRARY, onWindows } from './support.js';

const lib = cMemory;
const cm_buffer = lib.func('void *cm_buffer(size_t size, int fill)');
const cm_string = lib.func('char *cm_string(const char *prefix, int n)');
const cm_null = lib.func('void *cm_null(void)');

checkFreesAfterEachTest();

test('free() of an adopted pointer calls its deallocator exactly once', () => {
  const change = counted(() => {
    const p = adopt(cm_buffer(64, 7).cast(u8, 64), cm_buffer_free);
    assert.equal(p.get(63), 7);
    free(p);
  });
  assert.deepEqual(change, { live: 0, buffers: 1, strings: 0, nodes: 0 });
});

test('a second free of adopted memory is a DoubleFreeError and the deallocator is not called again', () => {
  const p = adopt(cm_buffer(16, 0), cm_buffer_free);
  free(p);
  const change = counted(() => assert.throws(() => free(p), DoubleFreeError));
  assert.deepEqual(change, { live: 0, buffers: 0, strings: 0, nodes: 0 });
});

test('access after the free is a UseAfterFreeError that names the deallocator', () => {
  const p = adopt(cm_buffer(8, 1).cast(u8, 8), cm_buffer_free);
  const view = p.at(4);
  free(p);
  assert.throws(() => p.get(0), UseAfterFreeError);
  assert.throws(() => view.get(0), /adopted with cm_buffer_free was freed/);
});

test('an interior pointer of adopted memory cannot free it', () => {
  const p = adopt(cm_buffer(8, 1).cast(u8, 8), cm_buffer_free);
  assert.throws(() => free(p.at(3)), ForeignPointerError);
  const change = counted(() => free(p.at(0).cast(i32, 2)));
  assert.equal(change.buffers, 1, 'a pointer at the block start frees it');
});

test('a JavaScript deallocator is called with the address as a bigint', () => {
  const raw = cm_buffer(4, 0);
  const calls: bigint[] = [];
  const p = adopt(raw, (address) => {
    calls.push(address);
    cm_buffer_free(address);
  });
  free(p);
  assert.deepEqual(calls, [raw.address]);
});

test('adopting NULL returns NULL and records nothing', () => {
  const leaks = LeakTracker.track(() => {
    const p = adopt(cm_null(), cm_buffer_free);
    assert.equal(p.isNull, true);
    free(p);
    assert.equal(adopt(NULL, cm_buffer_free), NULL);
  });
  assert.deepEqual(leaks, []);
});

test('adopting the same memory twice, or memory this library allocated, is an AlreadyOwnedError', () => {
  const raw = cm_buffer(4, 0);
  const p = adopt(raw, cm_buffer_free);
  assert.throws(() => adopt(raw, cm_buffer_free), AlreadyOwnedError);
  assert.throws(() => adopt(p, cm_buffer_free), AlreadyOwnedError);
  assert.throws(() => adopt(Pointer.fromAddress(raw.address, u8, 4), cm_buffer_free), /adopted/);
  const mine = calloc.alloc(u8);
  assert.throws(() => adopt(mine, cm_buffer_free), /calloc allocated it/);
  free(mine);
  free(p);
});

test('with the leak tracker off, an adopted pointer still cannot be adopted again', () => {
  LeakTracker.enabled = false;
  const raw = cm_buffer(4, 0);
  const p = adopt(raw, cm_buffer_free);
  assert.throws(() => adopt(p, cm_buffer_free), AlreadyOwnedError);
  assert.throws(() => adopt(p.cast(u8), cm_string_free), AlreadyOwnedError);
  const change = counted(() => free(p));
  assert.equal(change.buffers, 1);
});

test('a deallocator that is not a function is an InvalidArgumentError', () => {
  for (const bad of [undefined, null, 'cm_buffer_free', 42, {}]) {
    assert.throws(() => adopt(NULL, bad as never), InvalidArgumentError);
  }
  assert.throws(() => adopt({} as never, cm_buffer_free), InvalidArgumentError);
});

test('cast and string reads of adopted memory trust the caller, as for foreign memory', () => {
  const text = adopt(cm_string('adopted', 42), cm_string_free);
  assert.equal(text.count, 1);
  assert.equal(text.toUtf8String(), 'adopted-42');
  assert.equal(text.cast(u8, 11).get(10), 0);
  const change = counted(() => free(text));
  assert.equal(change.strings, 1);
});

test('arena.adopt frees adopted memory when the arena is released, unless it was freed before', () => {
  const change = counted(() => {
    using((arena) => {
      const kept = arena.adopt(cm_buffer(8, 3).cast(u8, 8), cm_buffer_free);
      const early = arena.adopt(cm_string('early', 1), cm_string_free);
      assert.equal(arena.adopt(cm_null(), cm_buffer_free).isNull, true);
      free(early);
      assert.equal(kept.get(7), 3);
      assert.equal(cm_buffer_frees(), cm_buffer_frees(), 'nothing more freed before release');
    });
  });
  assert.deepEqual(change, { live: 0, buffers: 1, strings: 1, nodes: 0 });
});

test('arena.adopt of a pointer after release is refused before anything is adopted', () => {
  const arena = new Arena();
  arena.releaseAll();
  const raw = cm_buffer(4, 0);
  assert.throws(() => arena.adopt(raw, cm_buffer_free), /released/);
  free(adopt(raw, cm_buffer_free));
});

test('a declared function with { free } adopts every result', () => {
  const make = lib.func('char *cm_string(const char *prefix, int n)', { free: cm_string_free });
  const change = counted(() => {
    const texts = [1, 2, 3].map((n) => make('item', n));
    assert.deepEqual(
      texts.map((t) => t.toUtf8String()),
      ['item-1', 'item-2', 'item-3'],
    );
    for (const t of texts) free(t);
  });
  assert.deepEqual(change, { live: 0, buffers: 0, strings: 3, nodes: 0 });
});

test('a self-referential list adopted by its head is freed whole by its own function', () => {
  const node = struct('cm_node', { value: i32, next: pointerTo('cm_node') });
  const cm_list = lib.func('struct cm_node *cm_list(int n)', { types: { cm_node: node } });
  const cm_list_free = lib.func('void cm_list_free(struct cm_node *head)', { types: { cm_node: node } });
  const change = counted(() => {
    const values = using((arena) => {
      const head = arena.adopt(cm_list(3), cm_list_free);
      const seen: number[] = [];
      for (let p = head; !p.isNull; p = p.ref.next) seen.push(p.ref.value);
      return seen;
    });
    assert.deepEqual(values, [1, 2, 3]);
  });
  assert.deepEqual(change, { live: 0, buffers: 0, strings: 0, nodes: 3 });
});

test('a Win32 declaration with { free } adopts every result too (called on Windows)', () => {
  const dll = win32Library(C_MEMORY_LIBRARY);
  const buffer_free = dll.func('void cm_buffer_free(LPVOID p)');
  const buffer = dll.func('LPVOID cm_buffer(SIZE_T size, int fill)', { free: buffer_free });
  assert.throws(() => dll.func('DWORD cm_live_blocks(void)', { free: buffer_free }), /not a pointer/);
  if (!onWindows) return;
  const change = counted(() => {
    const p = buffer(8, 9);
    assert.equal(p.cast(u8, 8).get(7), 9);
    free(p);
  });
  assert.deepEqual(change, { live: 0, buffers: 1, strings: 0, nodes: 0 });
});

test('the free option is checked at declaration', () => {
  assert.throws(
    () => lib.func('char *cm_string(const char *p, int n)', { free: 'no' as never }),
    InvalidSignatureError,
  );
  assert.throws(() => lib.func('int cm_live_blocks(void)', { free: cm_buffer_free }), /not a pointer/);
});

test('adopted memory never freed is a leak with its site, type and deallocator', () => {
  let p: Pointer | undefined;
  const leaks = LeakTracker.track(() => {
    p = adopt(cm_buffer(24, 0).cast(u8, 24), cm_buffer_free);
  });
  assert.equal(leaks.length, 1);
  assert.deepEqual(
    {
      size: leaks[0]!.size,
      type: leaks[0]!.type,
      allocator: leaks[0]!.allocator,
      address: leaks[0]!.address,
    },
    { size: 24, type: 'u8', allocator: 'cm_buffer_free', address: p!.address },
  );
  assert.match(leaks[0]!.site, /adopted-memory\.test\.[jt]s:\d+/);
  assert.match(LeakTracker.report(), /cm_buffer_free/);
  free(p!);
  assert.deepEqual(
    LeakTracker.track(() => free(adopt(cm_buffer(1, 0), cm_buffer_free))),
    [],
  );
});

test('verifyNoLeaks and expectNoLeaks fail on adopted memory that is not freed', () => {
  const p = adopt(cm_buffer(8, 0), cm_buffer_free);
  assert.throws(() => LeakTracker.verifyNoLeaks(), LeakTrackerException);
  free(p);
  LeakTracker.verifyNoLeaks();
  let kept: Pointer | undefined;
  assert.throws(
    () =>
      expectNoLeaks(() => {
        kept = adopt(cm_buffer(8, 0), cm_buffer_free);
      }),
    LeakTrackerException,
  );
  free(kept!);
  expectNoLeaks(() => free(adopt(cm_buffer(8, 0), cm_buffer_free)));
});

test('FFI_ARENA_LEAKS=fail fails a process that never frees adopted memory', () => {
  const SRC = new URL('../../src/index.js', import.meta.url).href;
  const script = `
    const { library } = await import(${JSON.stringify(SRC)});
    const lib = library(${JSON.stringify(C_MEMORY_LIBRARY)});
    const cm_buffer_free = lib.func('void cm_buffer_free(void *p)');
    const cm_buffer = lib.func('void *cm_buffer(size_t size, int fill)', { free: cm_buffer_free });
    globalThis.kept = cm_buffer(4, 0);
    if (process.env.FFI_ARENA_TEST_FREE_IT) { const { free } = await import(${JSON.stringify(SRC)}); free(globalThis.kept); }`;
  const run = (freeIt: boolean) => runUnderLeaksFail(script, freeIt);
  const failed = run(false);
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /1 allocation/);
  assert.match(failed.stderr, /cm_buffer_free/);
  assert.equal(run(true).status, 0);
});
