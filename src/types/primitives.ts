import { PointerType, PrimitiveType, VoidType } from './type.js';

/** `uint8_t` */
export const u8 = new PrimitiveType('u8', 1, 1, 'uint8_t');
/** `int8_t` */
export const i8 = new PrimitiveType('i8', 1, 1, 'int8_t');
/** `uint16_t` (also Win32 `WCHAR`, `WORD`) */
export const u16 = new PrimitiveType('u16', 2, 2, 'uint16_t');
/** `int16_t` */
export const i16 = new PrimitiveType('i16', 2, 2, 'int16_t');
/** `uint32_t` (also Win32 `DWORD`, `UINT`) */
export const u32 = new PrimitiveType('u32', 4, 4, 'uint32_t');
/** `int32_t` (also Win32 `BOOL`, `LONG`) */
export const i32 = new PrimitiveType('i32', 4, 4, 'int32_t');
/** `uint64_t`, read and written as `bigint` */
export const u64 = new PrimitiveType('u64', 8, 8, 'uint64_t');
/** `int64_t`, read and written as `bigint` */
export const i64 = new PrimitiveType('i64', 8, 8, 'int64_t');
/** `float`; JavaScript numbers written to it are rounded to single precision, as in C. */
export const f32 = new PrimitiveType('f32', 4, 4, 'float');
/** `double` */
export const f64 = new PrimitiveType('f64', 8, 8, 'double');
/** C `_Bool` (one byte), read and written as `boolean`. Not Win32 `BOOL`, which is `i32`. */
export const bool = new PrimitiveType('bool', 1, 1, 'bool');
/** `size_t`, read and written as `bigint` */
export const usize = new PrimitiveType('usize', 8, 8, 'size_t');
/** `ptrdiff_t` / `intptr_t`, read and written as `bigint` */
export const isize = new PrimitiveType('isize', 8, 8, 'intptr_t');

/** `void`, the target of untyped pointers. */
export const voidType = new VoidType();
/** `void *`, read and written as `Pointer<void>`. */
export const voidPtr = new PointerType(voidType);
