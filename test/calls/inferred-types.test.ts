// The TypeScript types of declared functions, worked out from their declarations. This file is a
// compile test first: `npm run build:test` fails if an inferred type changes (the Equal checks) or
// if a call marked @ts-expect-error starts to compile. At run time the same wrong calls must throw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AnyType,
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
  union,
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

test('C type words in any order are the same type at compile time', () => {
  const written = lib.func('long unsigned int next_ulong(long unsigned int v)');
  const canonical = lib.func('unsigned long int next_ulong(unsigned long int v)');
  expectType<Equal<typeof written, typeof canonical>>(true);
  const field = cType('long long unsigned int');
  expectType<Equal<typeof field, PrimitiveType<'u64'>>>(true);
  // @ts-expect-error: not a C type name in any order.
  assert.throws(() => cType('long unsigned banana'), { code: 'ERR_INVALID_TYPE' });
  assert.equal(written(1), canonical(1));
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

test('a const pointer to a struct, union, void or u8 also takes a value; non-const ones and others do not', () => {
  const number = union('number', { i: i32, d: cType('double') });
  const pair_total = lib.func('double pair_total(const struct pair *p)', { types: { pair } });
  const pair_total_after = lib.func('double pair_total(struct pair const *p)', { types: { pair } });
  const number_as_double = lib.func('double number_as_double(const union number *n)', { types: { number } });
  const bytes_checksum = lib.func('uint32_t bytes_checksum(const void *bytes, size_t n)');
  const u8_checksum = lib.func('uint32_t u8_checksum(const uint8_t *bytes, size_t n)');
  type Bytes = Parameters<typeof bytes_checksum>[0];
  expectType<Equal<Bytes, Pointer<AnyType> | bigint | null | Uint8Array>>(true);
  assert.equal(pair_total({ key: 1, value: 0.5 }), 1.5);
  assert.equal(pair_total_after({ key: 2 }), 2);
  assert.equal(number_as_double({ d: 0.25 }), 0.25);
  assert.equal(typeof bytes_checksum(Uint8Array.of(1, 2), 2), 'number');
  assert.equal(typeof u8_checksum(Buffer.from('ab'), 2), 'number');
  using((arena) => {
    const p = arena.alloc(pair);
    assert.equal(pair_total(p), 0);
    assert.equal(pair_total(p.ref), 0);
    // @ts-expect-error: a pointer to another type is neither a pair * nor a pair value.
    assert.throws(() => pair_total(arena.alloc(cType('double'))), { code: 'ERR_INVALID_VALUE' });
  });
  // @ts-expect-error: a field of the wrong type.
  assert.throws(() => pair_total({ key: 'one' }), { code: 'ERR_INVALID_VALUE' });
  // @ts-expect-error: bytes for a struct pointer.
  assert.throws(() => pair_total(new Uint8Array(16)), { code: 'ERR_INVALID_VALUE' });
  // @ts-expect-error: an Int32Array is not bytes.
  assert.throws(() => bytes_checksum(new Int32Array(1), 4), { code: 'ERR_INVALID_VALUE' });
  const pair_scale = lib.func('void pair_scale(struct pair *p, int factor)', { types: { pair } });
  const constPointer = lib.func('void pair_scale(struct pair * const p, int factor)', { types: { pair } });
  const constPointee = lib.func('int counter_open(int start, const struct pair **out)', { types: { pair } }); // declared, not called
  const bytes_fill = lib.func('void bytes_fill(void *bytes, size_t n, int value)');
  const wide = lib.func('size_t wide_length(const wchar_t *s)');
  // @ts-expect-error: struct pair * is written by the callee.
  assert.throws(() => pair_scale({ key: 1 }, 2), { code: 'ERR_INVALID_VALUE' });
  // @ts-expect-error: a const pointer to a non-const pair is still written by the callee.
  assert.throws(() => constPointer({ key: 1 }, 2), { code: 'ERR_INVALID_VALUE' });
  // @ts-expect-error: a pointer to a const pointer takes no pair value.
  assert.throws(() => constPointee(0, { key: 1 }), { code: 'ERR_INVALID_VALUE' });
  // @ts-expect-error: void * is written by the callee.
  assert.throws(() => bytes_fill(new Uint8Array(4), 4, 0), { code: 'ERR_INVALID_VALUE' });
  // @ts-expect-error: a const pointer to wide characters takes text, not bytes.
  assert.throws(() => wide(new Uint8Array(4)), { code: 'ERR_INVALID_VALUE' });
  const kernel32 = win32Library('kernel32.dll');
  const write = kernel32.func('BOOL WriteFile(HANDLE h, LPCVOID b, DWORD n, LPDWORD w, void *o)');
  const rect = win32Library('user32.dll').func('BOOL PtInRect(CONST RECT *lprc, POINT pt)');
  const inRect = () => rect({ left: 0, top: 0, right: 2, bottom: 2 }, { x: 1, y: 1 });
  const read = kernel32.func('BOOL ReadFile(HANDLE h, LPVOID b, DWORD n, LPDWORD r, void *o)');
  expectType<Equal<Parameters<typeof write>[1], Pointer<AnyType> | bigint | null | Uint8Array>>(true);
  expectType<Equal<Parameters<typeof read>[1], Pointer<AnyType> | bigint | null>>(true);
  if (onWindows) assert.deepEqual(inRect().value, true);
  else assert.throws(inRect, { code: 'ERR_UNSUPPORTED_PLATFORM' });
});
