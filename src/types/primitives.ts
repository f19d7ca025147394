import { PointerType, PrimitiveType, VoidType } from './type.js';

/**
 * `uint8_t`
 * @example `struct('S', { field: u8 }); calloc.alloc(u8, 4);`
 */
export const u8 = new PrimitiveType('u8', 1, 1, 'uint8_t');
/**
 * `int8_t`
 * @example `struct('S', { field: i8 }); calloc.alloc(i8, 4);`
 */
export const i8 = new PrimitiveType('i8', 1, 1, 'int8_t');
/**
 * `uint16_t` (also Win32 `WCHAR`, `WORD`)
 * @example `struct('S', { field: u16 }); calloc.alloc(u16, 4);`
 */
export const u16 = new PrimitiveType('u16', 2, 2, 'uint16_t');
/**
 * `int16_t`
 * @example `struct('S', { field: i16 }); calloc.alloc(i16, 4);`
 */
export const i16 = new PrimitiveType('i16', 2, 2, 'int16_t');
/**
 * `uint32_t` (also Win32 `DWORD`, `UINT`)
 * @example `struct('S', { field: u32 }); calloc.alloc(u32, 4);`
 */
export const u32 = new PrimitiveType('u32', 4, 4, 'uint32_t');
/**
 * `int32_t` (also Win32 `BOOL`, `LONG`)
 * @example `struct('S', { field: i32 }); calloc.alloc(i32, 4);`
 */
export const i32 = new PrimitiveType('i32', 4, 4, 'int32_t');
/**
 * `uint64_t`, read and written as `bigint`
 * @example `struct('S', { field: u64 }); calloc.alloc(u64, 4);`
 */
export const u64 = new PrimitiveType('u64', 8, 8, 'uint64_t');
/**
 * `int64_t`, read and written as `bigint`
 * @example `struct('S', { field: i64 }); calloc.alloc(i64, 4);`
 */
export const i64 = new PrimitiveType('i64', 8, 8, 'int64_t');
/**
 * `float`; JavaScript numbers written to it are rounded to single precision, as in C.
 * @example `struct('S', { field: f32 }); calloc.alloc(f32, 4);`
 */
export const f32 = new PrimitiveType('f32', 4, 4, 'float');
/**
 * `double`
 * @example `struct('S', { field: f64 }); calloc.alloc(f64, 4);`
 */
export const f64 = new PrimitiveType('f64', 8, 8, 'double');
/**
 * C `_Bool` (one byte), read and written as `boolean`. Not Win32 `BOOL`, which is `i32`.
 * @example `struct('S', { field: bool }); calloc.alloc(bool, 4);`
 */
export const bool = new PrimitiveType('bool', 1, 1, 'bool');
/**
 * `size_t`, read and written as `bigint`
 * @example `struct('S', { field: usize }); calloc.alloc(usize, 4);`
 */
export const usize = new PrimitiveType('usize', 8, 8, 'size_t');
/**
 * `ptrdiff_t` / `intptr_t`, read and written as `bigint`
 * @example `struct('S', { field: isize }); calloc.alloc(isize, 4);`
 */
export const isize = new PrimitiveType('isize', 8, 8, 'intptr_t');

/**
 * `uint16_t` in big-endian (network) byte order: reads and writes give the value, the bytes in
 * memory are most significant first, e.g. `sockaddr_in.sin_port`. No `htons`/`ntohs` needed.
 * @example `struct('S', { field: u16be }); calloc.alloc(u16be, 4);`
 */
export const u16be = new PrimitiveType('u16be', 2, 2, 'uint16_be_t');
/**
 * `int16_t` in big-endian (network) byte order: reads and writes give the value, the bytes in
 * memory are most significant first. No `htons`/`ntohs` needed.
 * @example `struct('S', { field: i16be }); calloc.alloc(i16be, 4);`
 */
export const i16be = new PrimitiveType('i16be', 2, 2, 'int16_be_t');
/**
 * `uint32_t` in big-endian (network) byte order: reads and writes give the value, the bytes in
 * memory are most significant first, e.g. `in_addr.s_addr`. No `htons`/`ntohs` needed.
 * @example `struct('S', { field: u32be }); calloc.alloc(u32be, 4);`
 */
export const u32be = new PrimitiveType('u32be', 4, 4, 'uint32_be_t');
/**
 * `int32_t` in big-endian (network) byte order: reads and writes give the value, the bytes in
 * memory are most significant first. No `htons`/`ntohs` needed.
 * @example `struct('S', { field: i32be }); calloc.alloc(i32be, 4);`
 */
export const i32be = new PrimitiveType('i32be', 4, 4, 'int32_be_t');
/**
 * `uint64_t` in big-endian (network) byte order, read and written as `bigint`: reads and writes give the value, the bytes in
 * memory are most significant first. No `htons`/`ntohs` needed.
 * @example `struct('S', { field: u64be }); calloc.alloc(u64be, 4);`
 */
export const u64be = new PrimitiveType('u64be', 8, 8, 'uint64_be_t');
/**
 * `int64_t` in big-endian (network) byte order, read and written as `bigint`: reads and writes give the value, the bytes in
 * memory are most significant first. No `htons`/`ntohs` needed.
 * @example `struct('S', { field: i64be }); calloc.alloc(i64be, 4);`
 */
export const i64be = new PrimitiveType('i64be', 8, 8, 'int64_be_t');

/**
 * `void`, the target of untyped pointers.
 * @example `const bytes = Pointer.fromAddress(addr, voidType, 16).cast(u8);`
 */
export const voidType = new VoidType();
/**
 * `void *`, read and written as `Pointer<void>`.
 * @example `struct('NODE', { next: voidPtr })`
 */
export const voidPtr = new PointerType(voidType);
