// The TypeScript types of declared functions, worked out from their declarations. This file is a
// compile test first: `npm run build:test` fails if an inferred type changes (the Equal checks) or
// if a call marked @ts-expect-error starts to compile. At run time the same wrong calls must throw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  callbackType,
  cType,
  type ErrnoResult,
  i32,
  library,
  type OpaqueType,
  opaque,
  type Pointer,
  type PointerType,
  type PrimitiveType,
  pointerTo,
  struct,
  using,
  type VoidType,
} from '../../src/index.js';
import { type Win32Result, win32Library } from '../../src/win32/index.js';
import { C_CALLS_LIBRARY, onWindows } from './support.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_proof: T): void {}

const lib = library(C_CALLS_LIBRARY);
const pair = struct('pair', { key: i32, value: cType('double') });
const counter = opaque('counter');
const other = opaque('other');

test('parameters and results get the TypeScript types of their C types', () => {
  const next_int = lib.func('int next_int(int v)');
  expectType<Equal<typeof next_int, (name: number) => number>>(true);
  const next_u64 = lib.func('uint64_t next_u64(uint64_t v)');
  expectType<Equal<typeof next_u64, (name: bigint | number) => bigint>>(true);
  const not_bool = lib.func('_Bool not_bool(_Bool v)');
  expectType<Equal<typeof not_bool, (name: boolean) => boolean>>(true);
  const nothing = lib.func('void nothing(void)');
  expectType<Equal<typeof nothing, () => undefined>>(true);
  const long_min = lib.func('long long_min()');
  expectType<Equal<ReturnType<typeof long_min>, bigint | number>>(true);
  assert.equal(next_int(1), 2);
  assert.equal(next_u64(1), 2n);
});

test('pointer parameters take typed pointers, NULL and addresses; results are typed pointers', () => {
  const pair_scale = lib.func('void pair_scale(struct pair *p, int factor)', { types: { pair } });
  type PairPointer = Parameters<typeof pair_scale>[0];
  expectType<Equal<PairPointer, Pointer<typeof pair> | Pointer<VoidType> | bigint | null>>(true);
  const counter_new = lib.func('struct counter *counter_new(int start)', { types: { counter } });
  expectType<Equal<ReturnType<typeof counter_new>, Pointer<OpaqueType<'counter'>>>>(true);
  const byte_length = lib.func('size_t byte_length(const char *s)');
  type Text = Parameters<typeof byte_length>[0];
  expectType<
    Equal<
      Text,
      Pointer<PrimitiveType<'i8'>> | Pointer<PrimitiveType<'u8'>> | Pointer<VoidType> | bigint | null | string
    >
  >(true);
  using((arena) => {
    const p = arena.alloc(pair);
    pair_scale(p, 2);
    pair_scale(p.cast(cType('void')), 2);
    // @ts-expect-error: an int * is not a struct pair *.
    assert.throws(() => pair_scale(arena.alloc(i32), 2), { code: 'ERR_INVALID_VALUE' });
    // @ts-expect-error: a string is not a struct pair *.
    assert.throws(() => pair_scale('p', 2), { code: 'ERR_INVALID_VALUE' });
  });
});

test('opaque handles of different types do not mix', () => {
  const handles = { types: { counter, other } };
  const counter_next = lib.func('int counter_next(struct counter *c)', handles);
  const other_new = lib.func('struct other *other_new(void)', handles);
  const other_free = lib.func('void other_free(struct other *o)', handles);
  const counter_open = lib.func('int counter_open(int start, struct counter **out)', handles);
  type Out = Parameters<typeof counter_open>[1];
  expectType<Equal<Out, Pointer<PointerType<OpaqueType<'counter'>>> | Pointer<VoidType> | bigint | null>>(
    true,
  );
  const o = other_new();
  // @ts-expect-error: a struct other * where a struct counter * is declared.
  assert.throws(() => counter_next(o), { code: 'ERR_INVALID_VALUE' });
  other_free(o);
  using((arena) => {
    const slot = arena.alloc(pointerTo(counter));
    // @ts-expect-error: a struct counter ** is not a struct counter *.
    assert.throws(() => counter_next(slot), { code: 'ERR_INVALID_VALUE' });
  });
});

test('wrong argument types and counts do not compile', () => {
  const next_int = lib.func('int next_int(int v)');
  // @ts-expect-error: a string for an int.
  assert.throws(() => next_int('1'), { code: 'ERR_INVALID_VALUE' });
  // @ts-expect-error: a bigint for an int.
  assert.throws(() => next_int(1n), { code: 'ERR_INVALID_VALUE' });
  // @ts-expect-error: one argument is declared.
  assert.throws(() => next_int(1, 2), { code: 'ERR_INVALID_ARGUMENT' });
  const pair_sum = lib.func('double pair_sum(struct pair p)', { types: { pair } });
  // @ts-expect-error: key is an int.
  assert.throws(() => pair_sum({ key: 'one' }), { code: 'ERR_INVALID_VALUE' });
});

test('errno: true wraps the result, and an unreadable declaration names its problem', () => {
  const fail_with_errno = lib.func('int fail_with_errno(int code)', { errno: true });
  expectType<Equal<ReturnType<typeof fail_with_errno>, ErrnoResult<number>>>(true);
  assert.equal(fail_with_errno(2).errno, 2);
  const unknown = () => lib.func('int f(mystery_t x)');
  type Problem = ReturnType<typeof unknown>;
  expectType<Equal<Problem, "ffi-arena: unknown type 'mystery_t': pass it as { types: { mystery_t } }">>(
    true,
  );
  assert.throws(unknown, { code: 'ERR_INVALID_SIGNATURE' });
  // An explicit type stays possible, for declarations built at run time.
  const explicit = lib.func<(v: number) => number>(`int ${'next_int'}(int v)`);
  assert.equal(explicit(41), 42);
});

test('a callback type gives the JavaScript function its parameter and result types', () => {
  const item = struct('item', { key: i32, value: cType('double') });
  const CmpFn = callbackType('int CmpFn(const struct item *a, const struct item *b)', { types: { item } });
  type Comparator = (typeof CmpFn)['jsFunction'];
  expectType<Equal<Parameters<Comparator>, [name: Pointer<typeof item>, name_1: Pointer<typeof item>]>>(true);
  expectType<Equal<ReturnType<Comparator>, number>>(true);
  const Wide = callbackType('uint64_t Wide(int64_t v, _Bool flag)');
  expectType<Equal<Parameters<(typeof Wide)['jsFunction']>, [name: bigint, name_1: boolean]>>(true);
  expectType<Equal<ReturnType<(typeof Wide)['jsFunction']>, bigint | number>>(true);
  const takesCmp = lib.func('void visit_pairs(void *items, int n, CmpFn *cmp)', { types: { CmpFn } }); // declared, not called
  type Third = Parameters<typeof takesCmp>[2];
  expectType<Equal<Extract<Third, (...args: never[]) => unknown>, Comparator>>(true);
  assert.equal(CmpFn.name, 'CmpFn');
});

test('win32Library infers Win32 names: BOOL results in Win32Result, handles as bigints', () => {
  const kernel32 = win32Library('kernel32.dll');
  const Beep = kernel32.func('BOOL WINAPI Beep(DWORD dwFreq, DWORD dwDuration)');
  expectType<Equal<typeof Beep, (name: number, name_1: number) => Win32Result<boolean>>>(true);
  const GetCurrentProcess = kernel32.func('HANDLE GetCurrentProcess(void)');
  expectType<Equal<ReturnType<typeof GetCurrentProcess>, bigint>>(true);
  const quiet = kernel32.func('BOOL Beep(DWORD, DWORD)', { setsLastError: false });
  expectType<Equal<ReturnType<typeof quiet>, boolean>>(true);
  const GetTickCount = kernel32.func('DWORD GetTickCount(void)', { setsLastError: true });
  expectType<Equal<ReturnType<typeof GetTickCount>, Win32Result<number>>>(true);
  if (!onWindows) assert.throws(() => GetTickCount(), { code: 'ERR_UNSUPPORTED_PLATFORM' });
});
