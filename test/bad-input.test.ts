// Bad input gets a typed error with a stable code and a message naming the problem, and leaves
// memory as it was. One test per row of the table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Arena,
  array,
  calloc,
  DoubleFreeError,
  type FfiArenaError,
  ForeignPointerError,
  free,
  InvalidAlignmentError,
  InvalidArgumentError,
  InvalidSizeError,
  InvalidTypeError,
  InvalidValueError,
  i8,
  LeakTracker,
  malloc,
  OutOfBoundsError,
  Pointer,
  struct,
  toNativeUtf8,
  toNativeUtf16,
  UseAfterFreeError,
  u8,
  u32,
  u64,
} from '../src/index.js';

const POINT = struct('POINT', { x: u32, y: u32 });

interface Row {
  readonly input: string;
  readonly error: new (...args: never[]) => FfiArenaError;
  /** Text the message must contain: the offending value or what was expected. */
  readonly mentions: string;
  /** Returns a function that must throw, and a check that nothing was corrupted afterwards. */
  readonly setUp: () => { act: () => unknown; unchanged?: () => void };
}

/** A live u32[4] holding 1, 2, 3, 4 and a check that it still does. */
function fourNumbers() {
  const p = calloc.alloc(u32, 4);
  for (const [i, v] of [1, 2, 3, 4].entries()) p.set(i, v);
  return {
    p,
    unchanged: () =>
      assert.deepEqual(
        [0, 1, 2, 3].map((i) => p.get(i)),
        [1, 2, 3, 4],
      ),
  };
}

const rows: Row[] = [
  {
    input: 'a negative count',
    error: InvalidSizeError,
    mentions: '-1',
    setUp: () => ({ act: () => calloc.alloc(u8, -1) }),
  },
  {
    input: 'a fractional count',
    error: InvalidSizeError,
    mentions: '1.5',
    setUp: () => ({ act: () => calloc.alloc(u8, 1.5) }),
  },
  {
    input: 'a NaN count',
    error: InvalidSizeError,
    mentions: 'NaN',
    setUp: () => ({ act: () => malloc.alloc(u8, Number.NaN) }),
  },
  {
    input: 'an absurdly large count',
    error: InvalidSizeError,
    mentions: '1099511627776',
    setUp: () => ({ act: () => calloc.alloc(u64, 2 ** 40) }),
  },
  {
    input: 'a count whose bytes exceed one allocation',
    error: InvalidSizeError,
    mentions: 'limit of one allocation',
    setUp: () => ({ act: () => calloc.alloc(u64, 2 ** 30) }),
  },
  {
    input: 'an absurdly large byte count',
    error: InvalidSizeError,
    mentions: '1099511627776',
    setUp: () => ({ act: () => calloc.allocate(2 ** 40) }),
  },
  {
    input: 'a string as a count',
    error: InvalidSizeError,
    mentions: '"3"',
    setUp: () => ({ act: () => calloc.alloc(u8, '3' as never) }),
  },
  {
    input: 'an alignment that is not a power of two',
    error: InvalidAlignmentError,
    mentions: 'got 24',
    setUp: () => ({ act: () => calloc.allocate(16, 24) }),
  },
  {
    input: 'an alignment above one page',
    error: InvalidAlignmentError,
    mentions: '8192',
    setUp: () => ({ act: () => calloc.allocate(16, 8192) }),
  },
  {
    input: 'an unknown type passed to alloc',
    error: InvalidTypeError,
    mentions: '"int"',
    setUp: () => ({ act: () => calloc.alloc('int' as never) }),
  },
  {
    input: 'an unknown field type',
    error: InvalidTypeError,
    mentions: 'field x',
    setUp: () => ({ act: () => struct('BAD', { x: 'int32_t' as never }) }),
  },
  {
    input: 'a duplicate field name',
    error: InvalidTypeError,
    mentions: 'duplicate field name "a"',
    setUp: () => ({
      act: () =>
        struct('DUP', [
          ['a', u8],
          ['a', u32],
        ]),
    }),
  },
  {
    input: 'an empty struct',
    error: InvalidTypeError,
    mentions: 'no fields',
    setUp: () => ({ act: () => struct('EMPTY', {}) }),
  },
  {
    input: 'an integer-like field name (JavaScript would reorder it)',
    error: InvalidTypeError,
    mentions: '"0"',
    setUp: () => ({ act: () => struct('NUMBERED', { 0: u8 }) }),
  },
  {
    input: 'an array of negative length',
    error: InvalidTypeError,
    mentions: '-1',
    setUp: () => ({ act: () => array(u8, -1) }),
  },
  {
    input: 'an array of zero length',
    error: InvalidTypeError,
    mentions: 'got 0',
    setUp: () => ({ act: () => array(u8, 0) }),
  },
  {
    input: 'a pack that is not 1, 2, 4, 8 or 16',
    error: InvalidTypeError,
    mentions: 'got 3',
    setUp: () => ({ act: () => struct('P', { a: u8 }, { pack: 3 as never }) }),
  },
  {
    input: 'a struct option that does not exist (packed: true for pack: 1)',
    error: InvalidTypeError,
    mentions: 'no option "packed"',
    setUp: () => ({ act: () => struct('P', { a: u8 }, { packed: true } as never) }),
  },
  {
    input: 'get past the end',
    error: OutOfBoundsError,
    mentions: 'index 4',
    setUp: () => {
      const { p, unchanged } = fourNumbers();
      return { act: () => p.get(4), unchanged };
    },
  },
  {
    input: 'set at a negative index',
    error: OutOfBoundsError,
    mentions: 'index -1',
    setUp: () => {
      const { p, unchanged } = fourNumbers();
      return { act: () => p.set(-1, 9), unchanged };
    },
  },
  {
    input: 'at with a fractional index',
    error: OutOfBoundsError,
    mentions: 'index 1.5',
    setUp: () => {
      const { p, unchanged } = fourNumbers();
      return { act: () => p.at(1.5), unchanged };
    },
  },
  {
    input: 'an inline array index past its length',
    error: OutOfBoundsError,
    mentions: 'index 3',
    setUp: () => {
      const p = calloc.alloc(struct('WITH_ARRAY', { a: array(u8, 3), after: u8 }));
      p.ref.after = 7;
      return { act: () => p.ref.a.set(3, 1), unchanged: () => assert.equal(p.ref.after, 7) };
    },
  },
  {
    input: 'a string written to a u32 field',
    error: InvalidValueError,
    mentions: '"12"',
    setUp: () => {
      const p = calloc.alloc(POINT);
      p.ref.x = 5;
      return {
        act: () => {
          (p.ref as { x: unknown }).x = '12';
        },
        unchanged: () => assert.equal(p.ref.x, 5),
      };
    },
  },
  {
    input: 'a value out of range for the field',
    error: InvalidValueError,
    mentions: '128',
    setUp: () => {
      const p = calloc.alloc(i8);
      p.value = -3;
      return {
        act: () => {
          p.value = 128;
        },
        unchanged: () => assert.equal(p.value, -3),
      };
    },
  },
  {
    input: 'a fractional value for an integer field',
    error: InvalidValueError,
    mentions: '0.5',
    setUp: () => {
      const { p, unchanged } = fourNumbers();
      return { act: () => p.set(0, 0.5), unchanged };
    },
  },
  {
    input: 'a number above 2^53 for a 64-bit field',
    error: InvalidValueError,
    mentions: 'bigint',
    setUp: () => {
      const p = calloc.alloc(u64);
      p.value = 11n;
      return {
        act: () => {
          p.value = 2 ** 60;
        },
        unchanged: () => assert.equal(p.value, 11n),
      };
    },
  },
  {
    input: 'an unknown field in an object written to a struct',
    error: InvalidValueError,
    mentions: 'no field "z"',
    setUp: () => {
      const p = calloc.alloc(POINT);
      return { act: () => p.set(0, { z: 1 } as never), unchanged: () => assert.equal(p.ref.x, 0) };
    },
  },
  {
    input: 'free twice',
    error: DoubleFreeError,
    mentions: 'already freed',
    setUp: () => {
      const p = calloc.alloc(u32);
      free(p);
      return { act: () => free(p) };
    },
  },
  {
    input: 'free of a foreign address',
    error: ForeignPointerError,
    mentions: 'did not allocate',
    setUp: () => {
      const owned = calloc.alloc(u32);
      const foreign = Pointer.fromAddress(owned.address, u32);
      return { act: () => free(foreign), unchanged: () => assert.doesNotThrow(() => free(owned)) };
    },
  },
  {
    input: 'free of a pointer into the middle of a block',
    error: ForeignPointerError,
    mentions: 'inside the block',
    setUp: () => {
      const { p, unchanged } = fourNumbers();
      return { act: () => free(p.at(1)), unchanged };
    },
  },
  {
    input: 'free of something that is not a pointer',
    error: InvalidArgumentError,
    mentions: '12345n',
    setUp: () => ({ act: () => free(12345n as never) }),
  },
  {
    input: 'a read after free',
    error: UseAfterFreeError,
    mentions: 'POINT.x',
    setUp: () => {
      const p = calloc.alloc(POINT);
      const ref = p.ref;
      free(p);
      return { act: () => ref.x };
    },
  },
  {
    input: 'a write after free',
    error: UseAfterFreeError,
    mentions: 'was freed',
    setUp: () => {
      const p = calloc.alloc(u32, 2);
      free(p);
      return { act: () => p.set(1, 1) };
    },
  },
  {
    input: 'a number converted to a native string',
    error: InvalidArgumentError,
    mentions: 'got 42',
    setUp: () => ({ act: () => toNativeUtf8(42 as never) }),
  },
  {
    input: 'undefined converted to a native UTF-16 string',
    error: InvalidArgumentError,
    mentions: 'undefined',
    setUp: () => ({ act: () => toNativeUtf16(undefined as never) }),
  },
  {
    input: 'a string converted with something that is not an allocator',
    error: InvalidArgumentError,
    mentions: 'needs an Allocator',
    setUp: () => ({ act: () => toNativeUtf8('x', {} as never) }),
  },
  {
    input: 'an empty ignore filter (it would hide every leak)',
    error: InvalidArgumentError,
    mentions: 'at least one of type, site, stack or address',
    setUp: () => ({ act: () => LeakTracker.ignore({}) }),
  },
  {
    input: 'a report format that does not exist',
    error: InvalidArgumentError,
    mentions: "'text' | 'json'",
    setUp: () => ({ act: () => LeakTracker.report({ format: 'xml' as never }) }),
  },
  {
    input: 'releaseAll options that are not an object',
    error: InvalidArgumentError,
    mentions: 'releaseAll takes { reuse?: boolean }',
    setUp: () => {
      const arena = new Arena();
      return { act: () => arena.releaseAll('reuse' as never), unchanged: () => arena.releaseAll() };
    },
  },
  {
    input: 'an address that is not a pointer',
    error: InvalidArgumentError,
    mentions: 'first page',
    setUp: () => ({ act: () => Pointer.fromAddress(16n, u8) }),
  },
  {
    input: 'a negative address',
    error: InvalidArgumentError,
    mentions: '-8n',
    setUp: () => ({ act: () => Pointer.fromAddress(-8n, u8) }),
  },
];

for (const row of rows) {
  test(`${row.input} throws ${row.error.name} and changes nothing`, () => {
    const { act, unchanged } = row.setUp();
    assert.throws(act, (error: unknown) => {
      assert.ok(error instanceof row.error, `expected ${row.error.name}, got ${error}`);
      assert.match(error.code, /^ERR_[A-Z_]+$/);
      assert.ok(error.message.includes(row.mentions), `"${error.message}" should mention ${row.mentions}`);
      return true;
    });
    unchanged?.();
  });
}

test('every error class has its own stable code', () => {
  const byClass = new Map<string, string>();
  for (const row of rows) {
    try {
      row.setUp().act();
    } catch (error) {
      const e = error as FfiArenaError;
      const previous = byClass.get(e.name);
      assert.ok(previous === undefined || previous === e.code, `${e.name} has one code`);
      byClass.set(e.name, e.code);
    }
  }
  assert.ok(byClass.size >= 8, 'the table covers at least 8 error classes');
  assert.equal(new Set(byClass.values()).size, byClass.size, 'no two classes share a code');
});
