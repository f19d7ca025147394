import { describeValue, InvalidTypeError } from '../errors.js';
import { cLongSize, wcharSize } from '../native/koffi.js';
import {
  bool,
  f32,
  f64,
  i8,
  i16,
  i32,
  i64,
  isize,
  u8,
  u16,
  u32,
  u64,
  usize,
  voidType,
} from './primitives.js';
import type { PrimitiveType, VoidType } from './type.js';

type Int = PrimitiveType<'i32'>;
type UInt = PrimitiveType<'u32'>;
/** `long` is 64 bits on Linux and macOS and 32 on Windows: TypeScript cannot know which. */
type Long = PrimitiveType<'i64'> | Int;
type ULong = PrimitiveType<'u64'> | UInt;

/**
 * Every C type name ffi-arena knows, with the ffi-arena type it stands for on this platform.
 * Spellings C treats as the same type (`unsigned`, `unsigned int`) are all listed.
 * @example `const t: CTypes['unsigned long'] = cType('unsigned long');`
 */
export interface CTypes {
  /** `void`: results only (no value), or `void *`. */
  void: VoidType;
  /** `char`: 8 bits, signed on the platforms koffi runs on. */
  char: PrimitiveType<'i8'>;
  /** `signed char`. */
  'signed char': PrimitiveType<'i8'>;
  /** `unsigned char`. */
  'unsigned char': PrimitiveType<'u8'>;
  /** `short`. */
  short: PrimitiveType<'i16'>;
  /** `short int`. */
  'short int': PrimitiveType<'i16'>;
  /** `signed short`. */
  'signed short': PrimitiveType<'i16'>;
  /** `signed short int`. */
  'signed short int': PrimitiveType<'i16'>;
  /** `unsigned short`. */
  'unsigned short': PrimitiveType<'u16'>;
  /** `unsigned short int`. */
  'unsigned short int': PrimitiveType<'u16'>;
  /** `int`. */
  int: Int;
  /** `signed`. */
  signed: Int;
  /** `signed int`. */
  'signed int': Int;
  /** `unsigned`. */
  unsigned: UInt;
  /** `unsigned int`. */
  'unsigned int': UInt;
  /** `long`: 64 bits on Linux and macOS (a bigint), 32 on Windows (a number). */
  long: Long;
  /** `long int`: the same type as `long`. */
  'long int': Long;
  /** `signed long`: the same type as `long`. */
  'signed long': Long;
  /** `signed long int`: the same type as `long`. */
  'signed long int': Long;
  /** `unsigned long`: 64 bits on Linux and macOS (a bigint), 32 on Windows (a number). */
  'unsigned long': ULong;
  /** `unsigned long int`: the same type as `unsigned long`. */
  'unsigned long int': ULong;
  /** `long long`. */
  'long long': PrimitiveType<'i64'>;
  /** `long long int`. */
  'long long int': PrimitiveType<'i64'>;
  /** `signed long long`. */
  'signed long long': PrimitiveType<'i64'>;
  /** `signed long long int`. */
  'signed long long int': PrimitiveType<'i64'>;
  /** `unsigned long long`. */
  'unsigned long long': PrimitiveType<'u64'>;
  /** `unsigned long long int`. */
  'unsigned long long int': PrimitiveType<'u64'>;
  /** `float`. */
  float: PrimitiveType<'f32'>;
  /** `double`. */
  double: PrimitiveType<'f64'>;
  /** `bool`. */
  bool: PrimitiveType<'bool'>;
  /** `_Bool`. */
  _Bool: PrimitiveType<'bool'>;
  /** 16 bits (UTF-16) on Windows, 32 (UTF-32) elsewhere. */
  wchar_t: PrimitiveType<'u16'> | Int;
  /** `char16_t`. */
  char16_t: PrimitiveType<'u16'>;
  /** `char32_t`. */
  char32_t: UInt;
  /** `size_t`. */
  size_t: PrimitiveType<'usize'>;
  /** `ssize_t`. */
  ssize_t: PrimitiveType<'isize'>;
  /** `intptr_t`. */
  intptr_t: PrimitiveType<'isize'>;
  /** `uintptr_t`. */
  uintptr_t: PrimitiveType<'usize'>;
  /** `ptrdiff_t`. */
  ptrdiff_t: PrimitiveType<'isize'>;
  /** `int8_t`. */
  int8_t: PrimitiveType<'i8'>;
  /** `uint8_t`. */
  uint8_t: PrimitiveType<'u8'>;
  /** `int16_t`. */
  int16_t: PrimitiveType<'i16'>;
  /** `uint16_t`. */
  uint16_t: PrimitiveType<'u16'>;
  /** `int32_t`. */
  int32_t: Int;
  /** `uint32_t`. */
  uint32_t: UInt;
  /** `int64_t`. */
  int64_t: PrimitiveType<'i64'>;
  /** `uint64_t`. */
  uint64_t: PrimitiveType<'u64'>;
}

/**
 * A C type name: `'int'`, `'unsigned long'`, `'size_t'`, `'uint8_t'`, …
 * @example `const name: CTypeName = 'unsigned long long';`
 */
export type CTypeName = keyof CTypes;

type SignWord = 'signed' | 'unsigned';
type SizeWord = 'short' | 'long';
type Only<W extends string[], X extends string> = W extends [
  infer H extends string,
  ...infer T extends string[],
]
  ? H extends X
    ? [H, ...Only<T, X>]
    : Only<T, X>
  : [];
type Except<W extends string[], X extends string> = W extends [
  infer H extends string,
  ...infer T extends string[],
]
  ? H extends X
    ? Except<T, X>
    : [H, ...Except<T, X>]
  : [];

/** `canonicalCTypeWords` at compile time: `['long', 'unsigned', 'int']` → `['unsigned', 'long', 'int']`. */
export type CanonicalCTypeWords<W extends string[]> = W extends [string, string, ...string[]]
  ? W[number] extends (typeof C_TYPE_WORDS)[number]
    ? [...Only<W, SignWord>, ...Only<W, SizeWord>, ...Except<W, SignWord | SizeWord>]
    : W
  : W;

type SpaceSeparated<S extends string> = S extends `${infer A} ${infer B}` ? [A, ...SpaceSeparated<B>] : [S];
type Joined<W extends string[]> = W extends [infer H extends string, ...infer T extends string[]]
  ? T extends []
    ? H
    : `${H} ${Joined<T>}`
  : '';

/** The name `cType` looks up for `N`: `'long unsigned int'` → `'unsigned long int'`. */
export type CTypeNameOf<N extends string> = Joined<CanonicalCTypeWords<SpaceSeparated<N>>>;

const long = cLongSize === 8 ? i64 : i32;
const ulong = cLongSize === 8 ? u64 : u32;

/** The C names and this platform's type for each: the table signatures and `cType` look in. */
export const C_TYPES: ReadonlyMap<string, CTypes[CTypeName]> = new Map<CTypeName, CTypes[CTypeName]>([
  ['void', voidType],
  ['char', i8], // signed on x86-64 and arm64 Windows/Linux/macOS, the platforms koffi runs on
  ['signed char', i8],
  ['unsigned char', u8],
  ['short', i16],
  ['short int', i16],
  ['signed short', i16],
  ['signed short int', i16],
  ['unsigned short', u16],
  ['unsigned short int', u16],
  ['int', i32],
  ['signed', i32],
  ['signed int', i32],
  ['unsigned', u32],
  ['unsigned int', u32],
  ['long', long],
  ['long int', long],
  ['signed long', long],
  ['signed long int', long],
  ['unsigned long', ulong],
  ['unsigned long int', ulong],
  ['long long', i64],
  ['long long int', i64],
  ['signed long long', i64],
  ['signed long long int', i64],
  ['unsigned long long', u64],
  ['unsigned long long int', u64],
  ['float', f32],
  ['double', f64],
  ['bool', bool],
  ['_Bool', bool],
  ['wchar_t', wcharSize === 2 ? u16 : i32],
  ['char16_t', u16],
  ['char32_t', u32],
  ['size_t', usize],
  ['ssize_t', isize],
  ['intptr_t', isize],
  ['uintptr_t', usize],
  ['ptrdiff_t', isize],
  ['int8_t', i8],
  ['uint8_t', u8],
  ['int16_t', i16],
  ['uint16_t', u16],
  ['int32_t', i32],
  ['uint32_t', u32],
  ['int64_t', i64],
  ['uint64_t', u64],
]);

/** Words that combine into one C type name: `unsigned long long`. */
export const C_TYPE_WORDS = [
  'unsigned',
  'signed',
  'char',
  'short',
  'int',
  'long',
  'float',
  'double',
  'void',
] as const;
const TYPE_WORDS: ReadonlySet<string> = new Set(C_TYPE_WORDS);
/** Where a word goes in ffi-arena's spelling of a C type name: sign, then size, then the rest. */
const WORD_RANK: ReadonlyMap<string, number> = new Map([
  ['signed', 0],
  ['unsigned', 0],
  ['short', 1],
  ['long', 1],
]);

/**
 * The words of a C type name in the order the names above use. C takes them in any order, and
 * gcc prints `long unsigned int`; words that are not C type words are left as written.
 * @example `canonicalCTypeWords(['long', 'unsigned', 'int']) // ['unsigned', 'long', 'int']`
 */
export function canonicalCTypeWords(words: readonly string[]): string[] {
  if (words.length < 2 || !words.every((word) => TYPE_WORDS.has(word))) return [...words];
  return [...words].sort((a, b) => (WORD_RANK.get(a) ?? 2) - (WORD_RANK.get(b) ?? 2));
}

/**
 * The ffi-arena type of a C type name, with this platform's sizes: `long` is 64 bits on Linux and
 * macOS and 32 on Windows, `wchar_t` 32 bits and 16. For struct fields copied from a header.
 *
 * @example
 * ```ts
 * const timeval = struct('timeval', { tv_sec: cType('long'), tv_usec: cType('long') });
 * const z_stream_avail = cType('unsigned int');
 * ```
 * @throws InvalidTypeError for a name that is not a C type (the message lists the known ones).
 */
export function cType<const N extends string>(
  name: N & (CTypeNameOf<N> extends CTypeName ? unknown : CTypeName),
): CTypes[CTypeNameOf<N> & CTypeName] {
  const type =
    typeof name === 'string'
      ? C_TYPES.get(canonicalCTypeWords(name.trim().split(/\s+/)).join(' '))
      : undefined;
  if (type === undefined) {
    throw new InvalidTypeError(
      `${describeValue(name)} is not a C type name; known: ${[...C_TYPES.keys()].join(', ')}.`,
    );
  }
  return type as CTypes[CTypeNameOf<N> & CTypeName];
}
