// Out-parameters adopted at declaration (`free: { name: deallocator }`): the C library hands out
// tagged blocks through T ** out-parameters and counts each free by the right function, so every
// test knows each block went back exactly once, and through which function.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AlreadyOwnedError,
  Arena,
  adopt,
  calloc,
  cType,
  DoubleFreeError,
  free,
  InvalidArgumentError,
  InvalidSignatureError,
  i32,
  LeakTracker,
  NULL,
  type Pointer,
  pointerTo,
  struct,
  UseAfterFreeError,
  u8,
  using,
  voidPtr,
  voidType,
} from '../../src/index.js';
import { win32Library } from '../../src/win32/index.js';
import {
  checkFreesAfterEachTest,
  cMemory,
  cm_buffer_free,
  cm_string_free,
  counted,
  runUnderLeaksFail,
} from './c-memory.js';
import { C_MEMORY_LIBRARY, onWindows } from './support.js';

const lib = cMemory;

const out_string = lib.func('int cm_out_string(const char *prefix, int n, char **out)', {
  free: { out: cm_string_free },
});
const char = cType('char');
const charPointer = pointerTo(char);

checkFreesAfterEachTest();

/** The name of what owns `pointer`'s memory; undefined for foreign memory. */
function ownerName(pointer: Pointer): string | undefined {
  return pointer.lifetime.owner?.name;
}

test('the block a callee writes into an out-parameter is adopted: slot.value owns it and free() frees it once', () => {
  const slot = calloc.alloc(charPointer);
  const change = counted(() => {
    assert.equal(out_string('out', 1, slot), 0);
    const text = slot.value;
    assert.equal(text.toUtf8String(), 'out-1');
    assert.equal(ownerName(text), 'cm_string_free');
    assert.equal(slot.value.lifetime, text.lifetime, 'every read of the slot shares the adoption');
    free(text);
  });
  assert.deepEqual(change, { live: 0, buffers: 0, strings: 1, nodes: 0 });
  free(slot);
});

test('a second free is a DoubleFreeError and use after the free a UseAfterFreeError; C frees once', () => {
  const slot = calloc.alloc(charPointer);
  const change = counted(() => {
    out_string('twice', 2, slot);
    const text = slot.value;
    free(text);
    assert.throws(() => free(text), DoubleFreeError);
    assert.throws(() => text.toUtf8String(), UseAfterFreeError);
    assert.throws(() => text.get(0), /adopted with cm_string_free was freed/);
  });
  assert.deepEqual(change, { live: 0, buffers: 0, strings: 1, nodes: 0 });
  free(slot);
});

test('after the free, the address the slot still holds reads as foreign memory again', () => {
  const slot = calloc.alloc(charPointer);
  out_string('again', 3, slot);
  free(slot.value);
  const stale = slot.value;
  assert.equal(ownerName(stale), undefined, 'no longer owned: free() of it is refused');
  assert.throws(() => free(stale), /not allocated by ffi-arena|foreign|did not allocate/i);
  free(slot);
});

test('an out-parameter in an arena: the block is freed when the arena is released, exactly once', () => {
  const change = counted(() => {
    const texts = using((arena) => {
      const a = arena.alloc(charPointer);
      const b = arena.alloc(charPointer);
      out_string('arena', 1, a);
      out_string('arena', 2, b);
      free(b.value); // freed before release: not freed again
      return [a.value.toUtf8String()];
    });
    assert.deepEqual(texts, ['arena-1']);
  });
  assert.deepEqual(change, { live: 0, buffers: 0, strings: 2, nodes: 0 });
});

test('a pointer read from an arena slot dies with the arena', () => {
  let kept: Pointer | undefined;
  using((arena) => {
    const slot = arena.alloc(charPointer);
    out_string('scoped', 4, slot);
    kept = slot.value;
  });
  assert.throws(() => kept!.toUtf8String(), UseAfterFreeError);
});

test('an adopted out-parameter block never freed is a leak with its site, type and deallocator', () => {
  const slot = calloc.alloc(charPointer);
  const leaks = LeakTracker.track(() => {
    out_string('leak', 5, slot);
  });
  assert.equal(leaks.length, 1);
  assert.equal(leaks[0]!.allocator, 'cm_string_free');
  assert.equal(leaks[0]!.type, 'i8');
  assert.equal(leaks[0]!.address, slot.value.address);
  assert.match(leaks[0]!.site, /out-parameters\.test\.[jt]s:\d+/);
  const change = counted(() => free(slot.value));
  assert.equal(change.strings, 1);
  assert.deepEqual(
    LeakTracker.track(() => {
      out_string('freed', 6, slot);
      free(slot.value);
    }),
    [],
  );
  free(slot);
});

test('FFI_ARENA_LEAKS=fail fails a process that never frees an adopted out-parameter block', () => {
  const SRC = new URL('../../src/index.js', import.meta.url).href;
  const script = `
    const { calloc, cType, free, library, pointerTo } = await import(${JSON.stringify(SRC)});
    const lib = library(${JSON.stringify(C_MEMORY_LIBRARY)});
    const cm_string_free = lib.func('void cm_string_free(char *s)');
    const out_string = lib.func('int cm_out_string(const char *prefix, int n, char **out)', { free: { out: cm_string_free } });
    const slot = calloc.alloc(pointerTo(cType('char')));
    out_string('kept', 1, slot);
    if (process.env.FFI_ARENA_TEST_FREE_IT) free(slot.value);
    free(slot);`;
  const run = (freeIt: boolean) => runUnderLeaksFail(script, freeIt);
  const failed = run(false);
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /1 allocation/);
  assert.match(failed.stderr, /cm_string_free/);
  assert.equal(run(true).status, 0);
});

test('NULL written into the out-parameter adopts nothing and records nothing', () => {
  const out_null = lib.func('int cm_out_null(char **out)', { free: { out: cm_string_free } });
  const slot = calloc.alloc(charPointer);
  assert.deepEqual(
    LeakTracker.track(() => assert.equal(out_null(slot), -1)),
    [],
  );
  assert.equal(slot.value.isNull, true);
  free(slot);
});

test('with when, a failed call leaves what it wrote alone: nothing adopted, nothing freed', () => {
  const checked = lib.func('int cm_out_string(const char *prefix, int n, char **out)', {
    free: { out: { deallocator: cm_string_free, when: (status) => status === 0 } },
  });
  const slot = calloc.alloc(charPointer);
  const change = counted(() => {
    assert.deepEqual(
      LeakTracker.track(() => assert.equal(checked('bad', -1, slot), -1)),
      [],
    );
    assert.equal(slot.value.address, 0x10000n, 'the garbage is still there, foreign');
    assert.equal(ownerName(slot.value), undefined);
    assert.equal(checked('good', 7, slot), 0);
    assert.equal(ownerName(slot.value), 'cm_string_free');
    free(slot.value);
  });
  assert.deepEqual(change, { live: 0, buffers: 0, strings: 1, nodes: 0 });
  free(slot);
});

test('the out-parameter is set to NULL before the call: a block left there by an earlier call is not adopted twice', () => {
  const untouched = lib.func('int cm_out_untouched(char **out)', { free: { out: cm_string_free } });
  const slot = calloc.alloc(charPointer);
  out_string('first', 8, slot);
  const first = slot.value;
  assert.equal(untouched(slot), -1);
  assert.equal(slot.value.isNull, true, 'the callee wrote nothing: the slot holds the NULL put there');
  const change = counted(() => free(first));
  assert.equal(change.strings, 1, 'the earlier block is still owned, and freed once');
  free(slot);
});

test('a NULL out-parameter is passed as NULL and nothing is adopted', () => {
  const change = counted(() => {
    assert.deepEqual(
      LeakTracker.track(() => assert.equal(out_string('none', 1, null), -2)),
      [],
    );
  });
  assert.deepEqual(change, { live: 0, buffers: 0, strings: 0, nodes: 0 });
});

test('a getaddrinfo-like list through struct T ** is adopted and freed whole by its own function', () => {
  const node = struct('cm_node', { value: i32, next: pointerTo('cm_node') });
  const types = { cm_node: node };
  const cm_list_free = lib.func('void cm_list_free(struct cm_node *head)', { types });
  const cm_out_list = lib.func('int cm_out_list(int n, struct cm_node **res)', {
    types,
    free: { res: { deallocator: cm_list_free, when: (status) => status === 0 } },
  });
  const change = counted(() => {
    const values = using((arena) => {
      const res = arena.alloc(pointerTo(node));
      assert.equal(cm_out_list(3, res), 0);
      const seen: number[] = [];
      for (let p = res.value; !p.isNull; p = p.ref.next) seen.push(p.ref.value);
      return seen;
    });
    assert.deepEqual(values, [1, 2, 3]);
  });
  assert.deepEqual(change, { live: 0, buffers: 0, strings: 0, nodes: 3 });
});

test('several out-parameters are adopted each with its own deallocator', () => {
  const cm_out_pair = lib.func('void cm_out_pair(size_t size, void **buffer, char **text)', {
    free: { buffer: cm_buffer_free, text: cm_string_free },
  });
  const change = counted(() => {
    using((arena) => {
      const buffer = arena.alloc(voidPtr);
      const text = arena.alloc(charPointer);
      cm_out_pair(16, buffer, text);
      assert.equal(buffer.value.cast(u8, 16).get(15), 5);
      assert.equal(text.value.toUtf8String(), 'pair-16');
      assert.equal(ownerName(buffer.value), 'cm_buffer_free');
    });
  });
  assert.deepEqual(change, { live: 0, buffers: 1, strings: 1, nodes: 0 });
});

test('a block adopted from an out-parameter cannot be adopted again', () => {
  const slot = calloc.alloc(charPointer);
  out_string('owned', 9, slot);
  assert.throws(() => adopt(slot.value, cm_string_free), AlreadyOwnedError);
  using((arena) => assert.throws(() => arena.adopt(slot.value, cm_string_free), AlreadyOwnedError));
  free(slot.value);
  free(slot);
});

test('an out-parameter given as a raw address is cleared and adopted too', () => {
  const slot = calloc.alloc(charPointer);
  const change = counted(() => {
    out_string('raw', 10, slot.address);
    free(slot.value);
  });
  assert.deepEqual(change, { live: 0, buffers: 0, strings: 1, nodes: 0 });
  free(slot);
});

test('the free option for out-parameters is checked at declaration', () => {
  const S = 'int cm_out_string(const char *prefix, int n, char **out)';
  const refused = (options: object, pattern: RegExp) =>
    assert.throws(
      () => lib.func<() => number>(S, options),
      (error: unknown) => {
        assert.ok(error instanceof InvalidSignatureError, String(error));
        assert.match((error as Error).message, pattern);
        return true;
      },
    );
  refused({ free: { nope: cm_string_free } }, /has no parameter "nope".*its T \*\* parameters are out/);
  refused({ free: { n: cm_string_free } }, /parameter n is i32, not a T \*\* out-parameter/);
  refused({ free: { prefix: cm_string_free } }, /parameter prefix is i8\*, not a T \*\*/);
  refused({ free: { out: 'cm_string_free' } }, /must be a deallocator .* or \{ deallocator, when \}; got/);
  refused({ free: { out: { deallocator: 42 } } }, /needs a deallocator/);
  refused({ free: { out: { deallocator: cm_string_free, when: true } } }, /when must be a function/);
  refused({ free: { out: { deallocator: cm_string_free, whenn: () => true } } }, /no option "whenn"/);
  refused({ free: {} }, /names no out-parameter/);
  assert.throws(
    () => lib.func<() => number>('int f(int n, char **)', { free: { out: cm_string_free } }),
    /has no parameter "out".*no T \*\* parameter with a name/,
  );
});

test('an out-parameter too small for a pointer is an InvalidArgumentError before the call', () => {
  const change = counted(() => {
    using((arena) => {
      const small = arena.alloc(u8, 4).cast(voidType);
      assert.throws(() => out_string('small', 1, small), /room for a pointer \(8 bytes\).*4 bytes long/);
    });
  });
  assert.deepEqual(change, { live: 0, buffers: 0, strings: 0, nodes: 0 }, 'the function was not called');
});

test('a when that does not return a boolean is an InvalidArgumentError after the call', () => {
  const sloppy = lib.func<(p: string, n: number, out: Pointer) => number>(
    'int cm_out_string(const char *prefix, int n, char **out)',
    { free: { out: { deallocator: cm_string_free, when: () => 1 as never } } },
  );
  const slot = calloc.alloc(charPointer);
  assert.throws(() => sloppy('x', 1, slot), InvalidArgumentError);
  // The block was not adopted: the test frees it through C itself.
  cm_string_free(slot.value);
  free(slot);
});

test('a Win32 declaration takes the out-parameter form too (called on Windows)', () => {
  const dll = win32Library(C_MEMORY_LIBRARY);
  const string_free = dll.func('void cm_string_free(LPSTR s)');
  const out = dll.func('int cm_out_string(LPCSTR prefix, int n, LPSTR *out)', {
    free: { out: { deallocator: string_free, when: (status) => status === 0 } },
  });
  assert.throws(
    () => dll.func<() => number>('int cm_out_null(LPSTR *out)', { free: { in: string_free } }),
    InvalidSignatureError,
  );
  if (!onWindows) return;
  const change = counted(() => {
    using((arena) => {
      const slot = arena.alloc(charPointer);
      assert.equal(out('win', 11, slot), 0);
      assert.equal(slot.value.toUtf8String(), 'win-11');
    });
  });
  assert.deepEqual(change, { live: 0, buffers: 0, strings: 1, nodes: 0 });
});

test('an arena released before the block was read still frees it once', () => {
  const arena = new Arena();
  const slot = arena.alloc(charPointer);
  out_string('unread', 12, slot);
  const change = counted(() => arena.releaseAll());
  assert.deepEqual(change, { live: -1, buffers: 0, strings: 1, nodes: 0 });
  assert.equal(NULL.isNull, true);
});

test('TypeScript checks the names and the when of the free option, and types when from the result', () => {
  const S = 'int cm_out_string(const char *prefix, int n, char **out)';
  const checked = lib.func(S, {
    free: { out: { deallocator: cm_string_free, when: (status) => status >= 0 } }, // status: number
  });
  assert.throws(() => {
    const notOut = lib.func(S, { free: { n: cm_string_free } });
    // @ts-expect-error the free option names a parameter that is not T **: the function cannot be called
    notOut('x', 1, null);
  }, InvalidSignatureError);
  assert.throws(() => {
    const misspelt = lib.func(S, { free: { outt: cm_string_free } });
    // @ts-expect-error the free option names no parameter of the declaration
    misspelt('x', 1, null);
  }, InvalidSignatureError);
  const wrongWhen = lib.func(S, {
    free: { out: { deallocator: cm_string_free, when: (status: string) => status === '' } },
  });
  // @ts-expect-error when takes a string, but the result is a number
  assert.equal(wrongWhen('x', 1, null), -2);
  const slot = calloc.alloc(charPointer);
  assert.equal(checked('typed', 1, slot), 0);
  free(slot.value);
  free(slot);
});
