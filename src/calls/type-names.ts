import { describeValue, InvalidSignatureError } from '../errors.js';
import { isWindows } from '../native/koffi.js';
import { C_TYPES } from '../types/c-types.js';
import { pointerTo } from '../types/define.js';
import { f32, f64, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize } from '../types/primitives.js';
import { type AnyType, isType } from '../types/type.js';
import type { IgnoredWords } from './signature.js';

/**
 * The names a family of declarations knows without being told: C's everywhere, Win32's in
 * `win32Library`. Names whose results mean more than their C type (`BOOL` is a truth value,
 * `HRESULT` a bit pattern) are listed apart.
 */
export interface Dialect {
  readonly types: ReadonlyMap<string, AnyType>;
  /** Words of the dialect that the parser skips: calling conventions, annotations. */
  readonly ignoredWords: IgnoredWords;
  /** Integer type names whose results read as `boolean` (Win32 `BOOL`). */
  readonly booleanNames: ReadonlySet<string>;
  /** 32-bit type names whose results read unsigned (Win32 `HRESULT`). */
  readonly unsignedNames: ReadonlySet<string>;
  /** Pointer type names whose pointee is `const` (Win32 `LPCVOID`): a `const T *` in one word. */
  readonly constPointerNames: ReadonlySet<string>;
  /**
   * Pointer-sized integers are handles that may be pointers (Win32 `HLOCAL`, `LPARAM`): such a
   * parameter also takes a `Pointer` (its address) or `null` (0). In C a `size_t` is a count.
   */
  readonly handlesTakePointers: boolean;
  /**
   * A string parameter also takes a small integer in place of the string (Win32 `MAKEINTATOM`,
   * `MAKEINTRESOURCE`). In C an integer there is an address, and a small one is never valid.
   */
  readonly textTakesAtoms: boolean;
}

/** C's type names with this platform's sizes, and ffi-arena's own (`u8`, `i32`, …). */
export const C_NAMES: ReadonlyMap<string, AnyType> = new Map<string, AnyType>([
  ...C_TYPES,
  ...[u8, i8, u16, i16, u32, i32, u64, i64, f32, f64, usize, isize].map((type) => [type.name, type] as const),
]);

/** The dialect of `library()`: C, nothing more. */
export const C_DIALECT: Dialect = {
  types: C_NAMES,
  ignoredWords: new Set(),
  booleanNames: new Set(),
  unsignedNames: new Set(),
  constPointerNames: new Set(),
  handlesTakePointers: false,
  textTakesAtoms: false,
};

/** How a parameter or result's text is encoded when a JavaScript string is passed for it. */
export type TextEncoding = 'utf8' | 'utf16' | 'utf32';

/** A resolved signature type, with what its written name adds to its layout. */
export interface ResolvedType {
  readonly type: AnyType;
  /** Written as `BOOL`: a result becomes a `boolean`, an argument may be one. */
  readonly isBool: boolean;
  /** Written as `HRESULT`: a result is given unsigned. */
  readonly isHresult: boolean;
  /** For a pointer to characters: the encoding of a string passed for it. */
  readonly text: TextEncoding | undefined;
  /** For a pointer to characters: a small integer (an atom, a resource id) is passed as it is. */
  readonly takesAtom: boolean;
  /** For a pointer-sized integer: a `Pointer` or `null` is passed as its address (a handle). */
  readonly takesPointer: boolean;
  /**
   * For a pointer parameter: its pointee is `const` (the callee only reads it), so a value may be
   * copied for it. Undefined where no declaration says (a struct field, a callback's result).
   */
  readonly constTarget: boolean | undefined;
}

/** Type names of the caller's own (`{ types: { timespec } }`), checked once per declaration. */
export function checkedUserTypes(types: unknown): ReadonlyMap<string, AnyType> {
  const resolved = new Map<string, AnyType>();
  if (types === undefined) return resolved;
  if (typeof types !== 'object' || types === null) {
    throw new InvalidSignatureError(
      `options.types must be an object of ffi-arena types; got ${describeValue(types)}.`,
    );
  }
  for (const [name, type] of Object.entries(types)) {
    if (!isType(type)) {
      throw new InvalidSignatureError(
        `options.types.${name} is not an ffi-arena type; got ${describeValue(type)}.`,
      );
    }
    resolved.set(name, type);
  }
  return resolved;
}

// A string is accepted for a pointer to characters: bytes are UTF-8, 16-bit units UTF-16, and the
// 32-bit wide characters of Linux and macOS (`wchar_t`, `char32_t`) UTF-32.
const WIDE_CHARACTER_NAMES = new Set(['wchar_t', 'char32_t']);

/** The encoding of a string passed for `type` written as `base`, if it points to characters. */
export function textEncoding(type: AnyType, base: string): TextEncoding | undefined {
  if (type.kind !== 'pointer' || type.target.kind !== 'primitive') return undefined;
  const kind = type.target.name;
  if (kind === 'u8' || kind === 'i8') return 'utf8';
  if (kind === 'u16' || kind === 'i16') return 'utf16';
  return (kind === 'i32' || kind === 'u32') && WIDE_CHARACTER_NAMES.has(base) ? 'utf32' : undefined;
}

/** The type a signature names, looking in the caller's types first, then the dialect's. */
export function resolveType(
  written: { readonly base: string; readonly stars: number; readonly constTarget: boolean },
  userTypes: ReadonlyMap<string, AnyType>,
  dialect: Dialect,
  where: string,
): ResolvedType {
  let type = userTypes.get(written.base) ?? dialect.types.get(written.base);
  if (type === undefined) {
    // A name of several words is C's own (`long double`): no option can name it.
    const remedy = written.base.includes(' ')
      ? 'it is not a C type ffi-arena supports'
      : `pass your own types as { types: { ${written.base} } }`;
    throw new InvalidSignatureError(
      `${where} has the unknown type ${JSON.stringify(written.base)}; ${remedy}.`,
    );
  }
  for (let star = 0; star < written.stars; star++) type = pointerTo(type);
  // A function type names its pointer, as C's function-to-pointer decay does: `CmpFn cmp`.
  if (type.kind === 'function') type = pointerTo(type);
  if (type.kind === 'opaque') {
    throw new InvalidSignatureError(
      `${where} is the opaque type ${type.name}, which has no layout and cannot be passed by value; declare it ${type.name} *.`,
    );
  }
  requirePassableByValue(type, where);
  const plain = written.stars === 0;
  return {
    type,
    isBool: plain && dialect.booleanNames.has(written.base),
    isHresult: plain && dialect.unsignedNames.has(written.base),
    text: textEncoding(type, written.base),
    takesAtom: dialect.textTakesAtoms,
    takesPointer: dialect.handlesTakePointers,
    constTarget: plain ? dialect.constPointerNames.has(written.base) : written.constTarget,
  };
}

/** Bytes up to which the x86-64 System V ABI passes a struct in registers. */
const REGISTER_BYTES = 16;

/**
 * Refuses a struct or union that koffi would pass by value differently from C: one with fields off
 * their natural alignment (`pack`), of up to 16 bytes. The System V ABI passes such a struct in
 * memory; koffi 3 passes it in registers, so the callee reads garbage and a returned one crashes.
 * Windows passes structs by size alone, and larger ones go in memory on both sides.
 */
function requirePassableByValue(type: AnyType, what: string): void {
  if (isWindows || (type.kind !== 'struct' && type.kind !== 'union')) return;
  if (type.size > REGISTER_BYTES || !hasUnalignedFields(type)) return;
  throw new InvalidSignatureError(
    `${what}: ${type.name} has fields off their natural alignment (pack), which koffi cannot pass by value in ${type.size} bytes as C does; pass a pointer to it.`,
  );
}

function hasUnalignedFields(type: AnyType): boolean {
  if (type.kind === 'array') return hasUnalignedFields(type.element);
  if (type.kind !== 'struct' && type.kind !== 'union') return false;
  return type.fields.some(
    (field) => field.offset % naturalAlignment(field.type) !== 0 || hasUnalignedFields(field.type),
  );
}

/** The alignment a type has without `pack`. */
function naturalAlignment(type: AnyType): number {
  if (type.kind === 'array') return naturalAlignment(type.element);
  if (type.kind === 'struct' || type.kind === 'union')
    return Math.max(1, ...type.fields.map((field) => naturalAlignment(field.type)));
  return type.align;
}
