import { describeValue, InvalidSignatureError } from '../errors.js';
import { pointerTo } from '../types/define.js';
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
  voidPtr,
  voidType,
} from '../types/primitives.js';
import { type AnyType, isType } from '../types/type.js';
import * as structs from './structs.js';
import * as win32Types from './types.js';

/** The type names a signature may use without declaring them. */
const KNOWN_TYPES = new Map<string, AnyType>([
  // C, with Windows' LLP64 model: long is 32 bits.
  ['void', voidType],
  ['char', i8],
  ['signed char', i8],
  ['unsigned char', u8],
  ['short', i16],
  ['short int', i16],
  ['unsigned short', u16],
  ['unsigned short int', u16],
  ['int', i32],
  ['signed', i32],
  ['signed int', i32],
  ['unsigned', u32],
  ['unsigned int', u32],
  ['long', i32],
  ['long int', i32],
  ['unsigned long', u32],
  ['unsigned long int', u32],
  ['long long', i64],
  ['unsigned long long', u64],
  ['float', f32],
  ['double', f64],
  ['bool', bool],
  ['wchar_t', u16],
  ['size_t', usize],
  ['intptr_t', isize],
  ['uintptr_t', usize],
  ['int8_t', i8],
  ['uint8_t', u8],
  ['int16_t', i16],
  ['uint16_t', u16],
  ['int32_t', i32],
  ['uint32_t', u32],
  ['int64_t', i64],
  ['uint64_t', u64],
  // ffi-arena's own names.
  ...[u8, i8, u16, i16, u32, i32, u64, i64, f32, f64, usize, isize].map((type) => [type.name, type] as const),
  // Win32 names: every type alias and struct this module declares, and their pointer spellings.
  ...Object.entries(win32Types),
  ...Object.entries(structs).flatMap(([name, type]) =>
    isType(type)
      ? [
          [name, type] as const,
          [`P${name}`, pointerTo(type)] as const,
          [`LP${name}`, pointerTo(type)] as const,
        ]
      : [],
  ),
  ['PWSTR', win32Types.LPWSTR],
  ['PCWSTR', win32Types.LPWSTR],
  ['PSTR', win32Types.LPSTR],
  ['PCSTR', win32Types.LPSTR],
  ['PVOID', voidPtr],
  ['LPCVOID', voidPtr],
  ['LPDWORD', pointerTo(u32)],
  ['PDWORD', pointerTo(u32)],
  ['LPBOOL', pointerTo(i32)],
  ['PBOOL', pointerTo(i32)],
  ['va_list', voidPtr],
]);

/** A resolved signature type. `BOOL` and `HRESULT` are `i32` with a different meaning in results. */
export interface ResolvedType {
  readonly type: AnyType;
  /** Written as `BOOL`: a result becomes a `boolean`, an argument may be one. */
  readonly isBool: boolean;
  /** Written as `HRESULT`: a result is given unsigned. */
  readonly isHresult: boolean;
}

/** Type names of the caller's own (`{ types: { NOTIFYICONDATAW } }`) checked once per declaration. */
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

/** The type a signature names, looking in the caller's types first. */
export function resolveType(
  written: { readonly base: string; readonly stars: number },
  userTypes: ReadonlyMap<string, AnyType>,
  where: string,
): ResolvedType {
  let type = userTypes.get(written.base) ?? KNOWN_TYPES.get(written.base);
  if (type === undefined) {
    throw new InvalidSignatureError(
      `${where} has the unknown type ${JSON.stringify(written.base)}; pass your own types as { types: { ${written.base} } }.`,
    );
  }
  for (let star = 0; star < written.stars; star++) type = pointerTo(type);
  const plain = written.stars === 0;
  return { type, isBool: plain && written.base === 'BOOL', isHresult: plain && written.base === 'HRESULT' };
}
