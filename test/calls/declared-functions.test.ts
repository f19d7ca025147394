// Declared functions against a C library built for this platform: every C type name crosses the
// call value by value, structs go by value and by pointer, handles stay apart, errno comes back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  array,
  type CTypeName,
  calloc,
  cType,
  ErrnoError,
  free,
  i32,
  library,
  opaque,
  pointerTo,
  struct,
  toNativeUtf8,
  union,
  using,
  voidPtr,
} from '../../src/index.js';
import { C_CALLS_LIBRARY, onWindows } from './support.js';

const lib = library(C_CALLS_LIBRARY);
const c_sizeof = lib.func('size_t c_sizeof(const char *name)');

const C_TYPE_NAMES: CTypeName[] = [
  'char',
  'signed char',
  'unsigned char',
  'short',
  'short int',
  'signed short',
  'signed short int',
  'unsigned short',
  'unsigned short int',
  'int',
  'signed',
  'signed int',
  'unsigned',
  'unsigned int',
  'long',
  'long int',
  'signed long',
  'signed long int',
  'unsigned long',
  'unsigned long int',
  'long long',
  'long long int',
  'signed long long',
  'signed long long int',
  'unsigned long long',
  'unsigned long long int',
  'float',
  'double',
  'bool',
  '_Bool',
  'wchar_t',
  'char16_t',
  'char32_t',
  'size_t',
  'ssize_t',
  'intptr_t',
  'uintptr_t',
  'ptrdiff_t',
  'int8_t',
  'uint8_t',
  'int16_t',
  'uint16_t',
  'int32_t',
  'uint32_t',
  'int64_t',
  'uint64_t',
];

test('every C type name has the size the C compiler gives it on this platform', () => {
  for (const name of C_TYPE_NAMES) {
    assert.equal(BigInt(cType(name).size), c_sizeof(name), name);
  }
  assert.equal(cType('long').size, onWindows ? 4 : 8);
});

test('C type words in any order name the same type, in cType and in declarations, as in C', () => {
  const spellings: [string, CTypeName][] = [
    ['long unsigned int', 'unsigned long int'], // as gcc prints it
    ['long long unsigned int', 'unsigned long long int'],
    ['int long', 'long int'],
    ['char unsigned', 'unsigned char'],
    ['int short unsigned', 'unsigned short int'],
    ['long signed', 'signed long'],
  ];
  for (const [written, name] of spellings) assert.equal(cType(written as never), cType(name), written);
  assert.throws(() => cType('long unsigned banana' as never), { code: 'ERR_INVALID_TYPE' });
  const next_ulong = lib.func('long unsigned int next_ulong(long unsigned int v)');
  assert.equal(next_ulong(41), onWindows ? 42 : 42n);
});

const LONG_BITS = onWindows ? 32 : 64;
const wrapSigned = (bits: number, value: bigint) => BigInt.asIntN(bits, value);
const wrapUnsigned = (bits: number, value: bigint) => BigInt.asUintN(bits, value);

/** [C name, function suffix, bits, signed, values to try]: each must come back as value + 1, wrapped. */
const INTEGERS: [string, string, number, boolean][] = [
  ['char', 'char', 8, true],
  ['signed char', 'schar', 8, true],
  ['unsigned char', 'uchar', 8, false],
  ['short', 'short', 16, true],
  ['unsigned short', 'ushort', 16, false],
  ['int', 'int', 32, true],
  ['unsigned int', 'uint', 32, false],
  ['long', 'long', LONG_BITS, true],
  ['unsigned long', 'ulong', LONG_BITS, false],
  ['long long', 'llong', 64, true],
  ['unsigned long long', 'ullong', 64, false],
  ['size_t', 'size', 64, false],
  ['ssize_t', 'ssize', 64, true],
  ['intptr_t', 'intptr', 64, true],
  ['uintptr_t', 'uintptr', 64, false],
  ['ptrdiff_t', 'ptrdiff', 64, true],
  ['int8_t', 'i8', 8, true],
  ['uint8_t', 'u8', 8, false],
  ['int16_t', 'i16', 16, true],
  ['uint16_t', 'u16', 16, false],
  ['int32_t', 'i32', 32, true],
  ['uint32_t', 'u32', 32, false],
  ['int64_t', 'i64', 64, true],
  ['uint64_t', 'u64', 64, false],
];

test('every integer type crosses the call with its own range, wrapping as C does', () => {
  for (const [name, suffix, bits, signed] of INTEGERS) {
    const next = lib.func<(v: number | bigint) => number | bigint>(`${name} next_${suffix}(${name} v)`);
    const min = signed ? -(2n ** BigInt(bits - 1)) : 0n;
    const max = signed ? 2n ** BigInt(bits - 1) - 1n : 2n ** BigInt(bits) - 1n;
    const wide = bits === 64;
    for (const value of [min, min + 1n, -1n, 0n, 1n, 41n, max - 1n, max]) {
      if (value < min) continue;
      const expected = signed ? wrapSigned(bits, value + 1n) : wrapUnsigned(bits, value + 1n);
      const argument = wide ? value : Number(value);
      const result = next(argument);
      assert.equal(typeof result, wide ? 'bigint' : 'number', `${name} result type`);
      assert.equal(BigInt(result), expected, `next_${suffix}(${value})`);
    }
    // One past either end never reaches C.
    for (const outside of [min - 1n, max + 1n]) {
      assert.throws(
        () => next(wide ? outside : Number(outside)),
        { code: 'ERR_INVALID_VALUE' },
        `${name} ${outside}`,
      );
    }
    assert.throws(() => next(1.5), { code: 'ERR_INVALID_VALUE' }, `${name} 1.5`);
  }
});

test('floating point, bool, enum and void cross the call', () => {
  const next_float = lib.func('float next_float(float v)');
  const next_double = lib.func('double next_double(double v)');
  const not_bool = lib.func('bool not_bool(bool v)');
  const is_even = lib.func('_Bool is_even(int v)');
  const next_color = lib.func('enum color next_color(enum color c)');
  const nothing = lib.func('void nothing(void)');
  assert.equal(next_float(0.1), Math.fround(Math.fround(0.1) + 1));
  assert.equal(next_double(0.1), 1.1);
  assert.equal(not_bool(true), false);
  assert.equal(is_even(4), true);
  assert.equal(next_color(5), 6);
  assert.equal(nothing(), undefined);
  // @ts-expect-error: a bool parameter takes a boolean.
  assert.throws(() => not_bool(1), { code: 'ERR_INVALID_VALUE' });
  // @ts-expect-error: a double parameter takes a number.
  assert.throws(() => next_double('1'), { code: 'ERR_INVALID_VALUE' });
});

test('long has the platform width: LONG_MIN and ULONG_MAX come back exactly', () => {
  const long_min = lib.func('long long_min(void)');
  const ulong_max = lib.func('unsigned long ulong_max(void)');
  assert.equal(BigInt(long_min()), -(2n ** BigInt(LONG_BITS - 1)));
  assert.equal(BigInt(ulong_max()), 2n ** BigInt(LONG_BITS) - 1n);
  assert.equal(typeof long_min(), onWindows ? 'number' : 'bigint');
});

test('twelve mixed arguments fill the integer and floating point registers and the stack', () => {
  const mixed = lib.func(
    'double mixed(char a, unsigned short b, int c, long d, long long e, float f, double g, uint8_t h, int64_t i, size_t j, double k, bool l)',
  );
  assert.equal(
    mixed(-1, 65535, -100000, 7, 2n ** 40n, 0.5, 0.25, 255, -(2n ** 35n), 12, 1e9, true),
    -1 + 65535 - 100000 + 7 + 2 ** 40 + 0.5 + 0.25 + 255 - 2 ** 35 + 12 + 1e9 + 1000,
  );
});

test('strings are copied for the call: UTF-8 for char *, the platform wchar_t for wchar_t *', () => {
  const byte_length = lib.func('size_t byte_length(const char *s)');
  const wide_length = lib.func('size_t wide_length(const wchar_t *s)');
  const wide_sum = lib.func('unsigned long wide_sum(const wchar_t *s)');
  const text = 'h€llo😀';
  assert.equal(byte_length(text), BigInt(Buffer.byteLength(text)));
  const units = onWindows
    ? Array.from({ length: text.length }, (_, i) => text.charCodeAt(i))
    : Array.from(text, (c) => c.codePointAt(0) as number);
  assert.equal(wide_length(text), BigInt(units.length));
  assert.equal(BigInt(wide_sum(text)), BigInt(units.reduce((a, b) => a + b, 0)));
  // A pointer to bytes is a char * as well, signed or not (C converts them with a warning).
  using((arena) => assert.equal(byte_length(toNativeUtf8('four', arena)), 4n));
});

const pair = struct('pair', { key: i32, value: cType('double') });

test('a struct crosses by value from an object or a view, and by pointer', () => {
  const make_pair = lib.func('struct pair make_pair(int key, double value)', { types: { pair } });
  const pair_sum = lib.func('double pair_sum(struct pair p)', { types: { pair } });
  const pair_scale = lib.func('void pair_scale(struct pair *p, int factor)', { types: { pair } });
  assert.deepEqual(make_pair(3, 1.5), { key: 3, value: 1.5 });
  assert.equal(pair_sum({ key: 2, value: 0.25 }), 2.25);
  assert.equal(pair_sum({ value: 0.5 }), 0.5, 'a missing field is zero');
  using((arena) => {
    const p = arena.alloc(pair);
    p.value = { key: 4, value: 0.5 };
    assert.equal(pair_sum(p.ref), 4.5);
    pair_scale(p, 3);
    assert.deepEqual({ key: p.ref.key, value: p.ref.value }, { key: 12, value: 1.5 });
  });
  // @ts-expect-error: a pointer is not a struct value.
  assert.throws(() => pair_sum(calloc.alloc(pair)), { code: 'ERR_INVALID_VALUE' });
});

test('a struct by value refuses a view of another struct and a field it does not have', () => {
  const pair_sum = lib.func('double pair_sum(struct pair p)', { types: { pair } });
  const other = struct('other', { a: i32, b: cType('double') });
  using((arena) => {
    const view = arena.alloc(other).ref;
    assert.throws(() => pair_sum(view as never), {
      code: 'ERR_INVALID_VALUE',
      message: /a view of another type/,
    });
  });
  // A misspelt field would otherwise be zero, silently.
  assert.throws(() => pair_sum({ key: 1, valeu: 2 } as never), {
    code: 'ERR_INVALID_VALUE',
    message: /pair has no field "valeu"/,
  });
  // @ts-expect-error: an array is not a struct.
  assert.throws(() => pair_sum([1, 2]), { code: 'ERR_INVALID_VALUE' });
});

test('a union by value names one member, whose value is checked as the member type', () => {
  const number = union('number', { i: cType('int32_t'), d: cType('double') });
  const number_low_bits = lib.func('int32_t number_low_bits(union number n)', { types: { number } });
  const number_by_value = lib.func('double number_by_value(union number n)', { types: { number } });
  assert.equal(number_low_bits({ i: -7 }), -7);
  assert.equal(number_by_value({ d: 1.5 }), 1.5);
  const bad: [unknown, RegExp][] = [
    [{ i: 'one' }, /\(n\)\.i must be an integer/],
    [{ i: 2 ** 40 }, /\(n\)\.i must be an integer/],
    [{ i: 1.5 }, /\(n\)\.i must be an integer/],
    [{ d: 'x' }, /\(n\)\.d must be a number/],
    [{ i: 1, d: 2 }, /one member of number \(i, d\)/],
    [{ x: 1 }, /one member of number/],
    [{}, /one member of number/],
    [null, /one member of number/],
  ];
  for (const [value, message] of bad) {
    assert.throws(() => number_low_bits(value as never), { code: 'ERR_INVALID_VALUE', message });
  }
});

test('a packed struct of up to 16 bytes is refused by value where koffi would pass it in registers', () => {
  const packed5 = struct('packed5', { a: cType('uint8_t'), b: cType('uint32_t') }, { pack: 1 });
  const packed19 = struct(
    'packed19',
    { a: cType('uint8_t'), b: cType('double'), c: cType('double'), d: cType('uint16_t') },
    { pack: 1 },
  );
  const declare5 = () => lib.func('uint32_t packed5_sum(struct packed5 p)', { types: { packed5 } });
  if (onWindows) assert.equal(declare5()({ a: 1, b: 1000 }), 1001);
  else
    assert.throws(declare5, {
      code: 'ERR_INVALID_SIGNATURE',
      message: /packed5 has fields off their natural alignment/,
    });
  // Larger ones go in memory, as C passes them.
  const packed19_sum = lib.func('double packed19_sum(struct packed19 p)', { types: { packed19 } });
  assert.equal(packed19_sum({ a: 1, b: 0.5, c: 0.25, d: 3 }), 4.75);
});

test('a struct with 64-bit, pointer and array fields is read as memory is', () => {
  const record = struct('record', {
    id: cType('int64_t'),
    name: pointerTo(cType('char')),
    flags: array(cType('uint8_t'), 4),
    count: cType('uint32_t'),
  });
  const make_record = lib.func('struct record make_record(int64_t id, const char *name)', {
    types: { record },
  });
  const record_weight = lib.func('size_t record_weight(struct record r)', { types: { record } });
  using((arena) => {
    const name = toNativeUtf8('abc', arena);
    const made = make_record(2n ** 40n, name);
    assert.equal(made.id, 2n ** 40n);
    assert.equal(made.name.address, name.address);
    assert.equal(made.name.toUtf8String(), 'abc');
    assert.deepEqual(made.flags, [1, 2, 3, 4]);
    assert.equal(made.count, 7);
    // A string in a by-value struct is copied for the call, like a string argument.
    assert.equal(record_weight({ id: 10, name: 'hello', flags: [1, 0, 0, 4], count: 2 }), 22n);
    const view = arena.alloc(record);
    view.value = { id: 1n, name: name.cast(cType('char')), flags: [5, 0, 0, 5], count: 1 };
    assert.equal(record_weight(view.ref), 1n + 3n + 5n + 5n + 1n);
  });
  assert.throws(() => record_weight({ id: 1, name: null, flags: [1, 2, 3, 4, 5], count: 0 }), {
    code: 'ERR_INVALID_VALUE',
    message: /flags holds 4 elements; got 5/,
  });
  assert.throws(() => record_weight({ count: -1 }), { code: 'ERR_INVALID_VALUE', message: /count/ });
});

const counter = opaque('counter');
const other = opaque('other');
const handles = { types: { counter, other } };

test('opaque handles are returned, passed and kept apart', () => {
  const counter_new = lib.func('struct counter *counter_new(int start)', handles);
  const counter_next = lib.func('int counter_next(struct counter *c)', handles);
  const counter_free = lib.func('void counter_free(struct counter *c)', handles);
  const other_new = lib.func('struct other *other_new(void)', handles);
  const other_free = lib.func('void other_free(struct other *o)', handles);
  const c = counter_new(10);
  assert.equal(c.type, counter);
  assert.equal(counter_next(c), 10);
  assert.equal(counter_next(c), 11);
  const o = other_new();
  // @ts-expect-error: an other * is not a counter *.
  assert.throws(() => counter_next(o), { code: 'ERR_INVALID_VALUE', message: /declared counter\*/ });
  other_free(o);
  counter_free(c);
  assert.throws(() => calloc.alloc(counter as never), {
    code: 'ERR_INVALID_TYPE',
    message: /opaque type counter/,
  });
});

test('a T ** out-parameter is a pointer to a pointer the caller allocates', () => {
  const counter_open = lib.func('int counter_open(int start, struct counter **out)', handles);
  const counter_next = lib.func('int counter_next(struct counter *c)', handles);
  const counter_free = lib.func('void counter_free(struct counter *c)', handles);
  using((arena) => {
    const slot = arena.alloc(pointerTo(counter));
    assert.equal(counter_open(5, slot), 0);
    const c = slot.value;
    assert.equal(counter_next(c), 5);
    counter_free(c);
    assert.equal(counter_open(1, null), -1);
  });
});

test('a native linked list made through T ** is walked, then freed by its own function in an arena', () => {
  const node = struct('node', { value: i32, next: voidPtr });
  const list_make = lib.func('int list_make(int n, struct node **head)', { types: { node } });
  const list_free = lib.func('void list_free(struct node *head)', { types: { node } });
  const list_nodes_freed = lib.func('int list_nodes_freed(void)');
  const freedBefore = list_nodes_freed();
  const values = using((arena) => {
    const slot = arena.alloc(pointerTo(node));
    assert.equal(list_make(4, slot), 4);
    const head = arena.adopt(slot.value, list_free);
    const seen: number[] = [];
    for (let p = head; !p.isNull; p = p.ref.next.cast(node)) seen.push(p.ref.value);
    assert.equal(list_nodes_freed(), freedBefore, 'nothing freed before the arena is released');
    return seen;
  });
  assert.deepEqual(values, [1, 4, 9, 16]);
  assert.equal(list_nodes_freed(), freedBefore + 4);
});

test('errno is read right after the call and explained by ErrnoError', () => {
  const fail_with_errno = lib.func('int fail_with_errno(int code)', { errno: true });
  const succeed = lib.func('int succeed_without_errno(void)', { errno: true });
  const ENOENT = 2;
  const { value, errno } = fail_with_errno(ENOENT);
  assert.equal(value, -1);
  assert.equal(errno, ENOENT);
  const error = new ErrnoError(errno, 'fail_with_errno');
  assert.equal(error.code, 'ENOENT');
  assert.equal(error.errno, ENOENT);
  assert.match(error.message, /^fail_with_errno: No such file or directory \(ENOENT, errno 2\)$/);
  // errno is 0 before each call: a success right after a failure reads 0, on every runtime.
  assert.deepEqual(succeed(), { value: 0, errno: 0 });
  assert.equal(fail_with_errno(ENOENT).errno, ENOENT);
  const strtol = library(onWindows ? 'ucrtbase.dll' : 'libc.so.6').func(
    'long strtol(const char *s, char **end, int base)',
    { errno: true },
  );
  assert.equal(Number(strtol('12', null, 10).value), 12);
  assert.equal(strtol('12', null, 10).errno, 0, 'strtol reports errors only through errno');
  assert.equal(strtol('99999999999999999999999', null, 10).errno, 34); // ERANGE
  assert.throws(() => new ErrnoError(-1), { code: 'ERR_INVALID_ARGUMENT' });
});

test('a freed pointer, a pointer of another type and NULL are checked before any native code runs', () => {
  const pair_scale = lib.func('void pair_scale(struct pair *p, int factor)', { types: { pair } });
  const p = calloc.alloc(pair);
  free(p);
  assert.throws(() => pair_scale(p, 2), { code: 'ERR_USE_AFTER_FREE' });
  const wrong = calloc.alloc(i32);
  // @ts-expect-error: an int * is not a struct pair *.
  assert.throws(() => pair_scale(wrong, 2), { code: 'ERR_INVALID_VALUE', message: /declared pair\*/ });
  free(wrong);
  // @ts-expect-error: two arguments are declared.
  assert.throws(() => pair_scale(null), {
    code: 'ERR_INVALID_ARGUMENT',
    message: /pair_scale takes 2 arguments; got 1/,
  });
  // @ts-expect-error: an int parameter takes a number.
  assert.throws(() => pair_scale(null, 2n), { code: 'ERR_INVALID_VALUE' });
});

test('a number is not a C string and a pointer is not a size_t: both refused before the call', () => {
  const byte_length = lib.func('size_t byte_length(const char *s)');
  // Win32's MAKEINTATOM rule (a small integer for a string) is win32Library's alone: here a
  // number would be used as an address.
  // @ts-expect-error: a char * takes a string, a pointer, null or a bigint address.
  assert.throws(() => byte_length(42), { code: 'ERR_INVALID_VALUE', message: /or a string; got 42/ });
  const bytes_checksum = lib.func('uint32_t bytes_checksum(const void *bytes, size_t n)');
  using((arena) => {
    const bytes = arena.alloc(i32, 4);
    // @ts-expect-error: a size_t is a count, not a pointer.
    assert.throws(() => bytes_checksum(bytes, bytes), { code: 'ERR_INVALID_VALUE', message: /p\.address/ });
    // @ts-expect-error: nor null.
    assert.throws(() => bytes_checksum(bytes, null), { code: 'ERR_INVALID_VALUE' });
    assert.equal(typeof bytes_checksum(bytes, 16), 'number');
  });
});

test('bad declarations are InvalidSignatureErrors that say what is wrong', () => {
  const cases: [string, unknown, RegExp][] = [
    [
      'int f(struct nope *p)',
      undefined,
      /unknown type "nope"; pass your own types as \{ types: \{ nope \} \}/,
    ],
    ['int f(int', undefined, /no '\)'/],
    ['int printf(const char *format, ...)', undefined, /variadic functions are not supported/],
    ['int f(struct counter c)', handles, /opaque type counter.*cannot be passed by value/],
    ['int f(int)', { errno: 'yes' }, /errno must be a boolean/],
    ['int f(int)', { setsLastError: true }, /no option "setsLastError"/],
    ['int f(int)', { types: { x: 1 } }, /options.types.x is not an ffi-arena type/],
  ];
  for (const [signature, options, message] of cases) {
    assert.throws(
      () => lib.func(signature, options as never),
      { code: 'ERR_INVALID_SIGNATURE', message },
      signature,
    );
  }
});

test('a missing symbol or library is a NativeSymbolError naming both, on the first call', () => {
  const missing = lib.func('int no_such_function(void)');
  assert.throws(() => missing(), {
    code: 'ERR_NATIVE_SYMBOL',
    message: /has no function "no_such_function"/,
  });
  const nowhere = library('libffi-arena-missing.so').func('int f(int x)');
  assert.throws(() => nowhere(1), {
    code: 'ERR_NATIVE_SYMBOL',
    message: /cannot load the library "libffi-arena-missing.so" to call f/,
  });
  // @ts-expect-error: the argument is checked before the library is loaded.
  assert.throws(() => nowhere('x'), { code: 'ERR_INVALID_VALUE' });
  assert.throws(() => library(''), { code: 'ERR_INVALID_ARGUMENT' });
});
