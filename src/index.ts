// ffi-arena: typed native memory for Node.js FFI code, correct by default. Re-exports only.
export { adopt, type Deallocator } from './allocators/adopt.js';
export type { Allocator } from './allocators/allocator.js';
export { free } from './allocators/free.js';
export {
  adaptiveCalloc,
  adaptiveMalloc,
  calloc,
  diagnosticCalloc,
  diagnosticMalloc,
  malloc,
  SystemAllocator,
} from './allocators/system-allocator.js';
export { allocTrailing } from './allocators/trailing.js';
export { Arena, type ArenaOptions, type ReleaseOptions } from './arena/arena.js';
export { using } from './arena/using.js';
export { withZoneArena, zoneArena } from './arena/zone.js';
export { Callback } from './calls/callback-registry.js';
export { type CallbackTypeOptions, callbackType, registerCallback } from './calls/callbacks.js';
export { ErrnoError, type ErrnoResult } from './calls/errno.js';
export { type DeclaredFunctionOf, type FuncOptions, type Library, library } from './calls/library.js';
export type { OutParameterFree, OutParameterFrees } from './calls/out-parameters.js';
export type { CopiedValue } from './calls/signature-types.js';
export * from './errors.js';
export { type LeakFilter, LeakFilters } from './leaks/leak-filter.js';
export { type LeakIgnoreTarget, LeakTracker, type ReportOptions } from './leaks/leak-tracker.js';
export { type Leak, Recording } from './leaks/records.js';
export type { HeapStatistics } from './native/heap-statistics.js';
export { copyBytes, fillBytes, readBytes, readBytesInto, writeBytes } from './pointer/bytes.js';
export { Lifetime, type MemoryOwner } from './pointer/lifetime.js';
export { NULL, Pointer, type Utf8ReadOptions, type Utf16ReadOptions } from './pointer/pointer.js';
export { type TrailingElement, trailing } from './pointer/trailing.js';
export type {
  ArrayRef,
  FieldType,
  InitOf,
  RefOf,
  StructInit,
  StructRef,
  ValueOf,
} from './pointer/values.js';
export { toNativeUtf8, toNativeUtf16, toUtf8String, toUtf16String } from './strings.js';
export { BitField, type BitFieldKind, type BitFieldLayout, bits } from './types/bit-field.js';
export { type CTypeName, type CTypes, cType } from './types/c-types.js';
export { MAX_ALIGNMENT, MAX_BYTE_LENGTH } from './types/checks.js';
export {
  array,
  type CompositeOptions,
  type FieldList,
  type FieldListTypes,
  opaque,
  pointerTo,
  struct,
  union,
} from './types/define.js';
export { flexibleArray } from './types/flexible-array.js';
export { alignOf, offsetOf, sizeOf, toKoffi } from './types/layout.js';
export {
  bool,
  f32,
  f64,
  i8,
  i16,
  i16be,
  i32,
  i32be,
  i64,
  i64be,
  isize,
  u8,
  u16,
  u16be,
  u32,
  u32be,
  u64,
  u64be,
  usize,
  voidPtr,
  voidType,
} from './types/primitives.js';
export {
  type AnyType,
  ArrayType,
  type Field,
  type FieldTypes,
  FunctionType,
  OpaqueType,
  PointerType,
  type PrimitiveKind,
  PrimitiveType,
  type PrimitiveValue,
  type SelfReference,
  type SizedType,
  StructType,
  VoidType,
} from './types/type.js';
