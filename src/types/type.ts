import { describeValue, InvalidTypeError } from '../errors.js';
import type { FunctionPrototype, NativeFieldDescription } from '../native/koffi-types.js';
import type { BitField } from './bit-field.js';
import { ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress } from './clone-guard.js';

/**
 * The names of the primitive types, as exported by this package.
 * @example `const kind: PrimitiveKind = 'u32';`
 */
export type PrimitiveKind =
  | 'u8'
  | 'i8'
  | 'u16'
  | 'i16'
  | 'u32'
  | 'i32'
  | 'u64'
  | 'i64'
  | 'f32'
  | 'f64'
  | 'bool'
  | 'usize'
  | 'isize'
  | 'u16be'
  | 'i16be'
  | 'u32be'
  | 'i32be'
  | 'u64be'
  | 'i64be';

/**
 * The JavaScript type a primitive reads as: 64-bit integers are `bigint`, `bool` is `boolean`.
 * @example `const big: PrimitiveValue<'u64'> = 1n; const small: PrimitiveValue<'u8'> = 1;`
 */
export type PrimitiveValue<K extends PrimitiveKind> = K extends
  | 'u64'
  | 'i64'
  | 'usize'
  | 'isize'
  | 'u64be'
  | 'i64be'
  ? bigint
  : K extends 'bool'
    ? boolean
    : number;

/**
 * A fixed-size C scalar: `uint8_t`, `int32_t`, `double`, `_Bool`, `size_t`, …
 * @example `const kind = u32 satisfies PrimitiveType<'u32'>;`
 */
export class PrimitiveType<K extends PrimitiveKind = PrimitiveKind> {
  /** @internal Makes structured clone fail with a message that says what to do (see clone-guard.ts). */
  readonly cloneGuard = ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress;
  /** Always `'primitive'`. */
  readonly kind = 'primitive';
  /** @internal Filled in by the pointer layer on first access: how to read and write this type. */
  codec: unknown = undefined;
  /** @internal Filled in by the pointer layer: the generated view class (structs, unions, arrays). */
  viewClass: unknown = undefined;
  /**
   * @param name the type's name: `u8`, `i32`, …
   * @param size its size in bytes (C `sizeof`).
   * @param align its alignment in bytes (C `_Alignof`).
   * @param koffiName the name koffi knows this type by.
   */
  constructor(
    /** The type's name: `u8`, `i32`, … */
    readonly name: K,
    /** Size in bytes (C `sizeof`). */
    readonly size: number,
    /** Alignment in bytes (C `_Alignof`). */
    readonly align: number,
    /** The name koffi knows this type by (`uint8_t`, …). */
    readonly koffiName: string,
  ) {}
}

/**
 * `void`: the target type of untyped pointers. It has no size and cannot be read or written.
 * @example `if (type instanceof VoidType) …`
 */
export class VoidType {
  /** @internal Makes structured clone fail with a message that says what to do (see clone-guard.ts). */
  readonly cloneGuard = ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress;
  /** Always `'void'`. */
  readonly kind = 'void';
  /** Always `'void'`. */
  readonly name = 'void';
  /** 0: `void` has no size. */
  readonly size = 0;
  /** 1. */
  readonly align = 1;
  /** @internal */
  codec: unknown = undefined;
  /** @internal */
  viewClass: unknown = undefined;
}

/**
 * A C type whose layout is private to a library (`sqlite3`, `z_stream` used only by pointer, `FILE`):
 * only pointers to it exist. Pointers to different opaque types are different TypeScript types, so
 * a statement handle cannot be passed where a database handle is declared. Create with `opaque(name)`.
 * @example `const sqlite3: OpaqueType<'sqlite3'> = opaque('sqlite3');`
 */
export class OpaqueType<N extends string = string> {
  /** @internal Makes structured clone fail with a message that says what to do (see clone-guard.ts). */
  readonly cloneGuard = ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress;
  /** Always `'opaque'`. */
  readonly kind = 'opaque';
  /** 0: the layout is unknown, so nothing of this type can be allocated, read or written. */
  readonly size = 0;
  /** 1. */
  readonly align = 1;
  /** @internal */
  codec: unknown = undefined;
  /** @internal */
  viewClass: unknown = undefined;
  constructor(
    /** The C name: `sqlite3`. */
    readonly name: N,
  ) {}
}

/**
 * A C function type, the target of function pointers: what native code calls back. Create with
 * `callbackType('int CmpFn(const void *a, const void *b)')`. Like C, it has no size; `CmpFn *`
 * (or just `CmpFn` in a declaration or struct field) is the function pointer.
 * @typeParam J the JavaScript function that implements it.
 * @example `const CmpFn: FunctionType<(a: Pointer, b: Pointer) => number> = callbackType('int CmpFn(const void *a, const void *b)');`
 */
export class FunctionType<J = (...args: never[]) => unknown> {
  /** @internal Makes structured clone fail with a message that says what to do (see clone-guard.ts). */
  readonly cloneGuard = ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress;
  /** Always `'function'`. */
  readonly kind = 'function';
  /** 0: functions have no size; only pointers to them are stored and passed. */
  readonly size = 0;
  /** 1. */
  readonly align = 1;
  /** @internal */
  codec: unknown = undefined;
  /** @internal */
  viewClass: unknown = undefined;
  /** @internal The JavaScript function type, for type inference only. */
  declare readonly jsFunction: J;
  /** @internal Made by `callbackType()`. */
  constructor(
    /** The name the declaration gives: `CmpFn`. */
    readonly name: string,
    /** The C declaration it was made from. */
    readonly declaration: string,
    /** @internal The result and parameter types, as the native layer passes them. */
    readonly prototype: FunctionPrototype,
    /** @internal How calls cross into JavaScript: set by the layer that declared it. */
    readonly binding: CallbackBinding,
  ) {}
}

/**
 * @internal What a function type can do for the layers below the one that declares it: register
 * a JavaScript function as a callback owned by an arena (`arena.callback`), or by no one until
 * it is freed (`owner` undefined).
 */
export interface CallbackBinding {
  registerOwned(fn: unknown, owner: { defer(cleanup: () => unknown): void } | undefined): unknown;
}

/**
 * A C pointer `T *`, read and written as a `Pointer<T>`. Create with `pointerTo(T)`; a pointer to
 * the struct being defined is `pointerTo('name')`, and one to a struct defined later
 * `pointerTo(() => T)` (both resolved when first used).
 * @example `const LPPOINT: PointerType<typeof POINT> = pointerTo(POINT);`
 */
export class PointerType<T extends AnyType = AnyType> {
  /** @internal Makes structured clone fail with a message that says what to do (see clone-guard.ts). */
  readonly cloneGuard = ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress;
  /** Always `'pointer'`. */
  readonly kind = 'pointer';
  /** 8: pointers are 64-bit. */
  readonly size = 8;
  /** 8. */
  readonly align = 8;
  /** @internal */
  codec: unknown = undefined;
  /** @internal */
  viewClass: unknown = undefined;
  #target: T | undefined;
  /** A target not known yet: the name of the struct being defined, or a function that gives it. */
  #pending: string | (() => unknown) | undefined;
  /** @param target the type pointed to; a struct name or a function for one not defined yet. */
  constructor(target: T | string | (() => T)) {
    const known = typeof target === 'object';
    this.#target = known ? target : undefined;
    this.#pending = known ? undefined : target;
  }

  /** The type pointed to. */
  get target(): T {
    return this.#target ?? this.resolveTarget();
  }

  /** The C spelling: `POINT*`. */
  get name(): string {
    const pending = this.#pending;
    return `${typeof pending === 'string' ? pending : this.target.name}*`;
  }

  /** @internal Binds `pointerTo(name)` to the struct called `name` that holds it as a field. */
  bindSelf(name: string, type: StructType): void {
    if (this.#pending === name) {
      this.#target = type as AnyType as T;
      this.#pending = undefined;
    }
  }

  private resolveTarget(): T {
    const pending = this.#pending;
    if (typeof pending === 'string') {
      throw new InvalidTypeError(
        `pointerTo('${pending}') points to the struct being defined: use it in a field of struct('${pending}', …).`,
      );
    }
    const target = (pending as () => unknown)();
    if (!isType(target)) {
      throw new InvalidTypeError(
        `pointerTo(() => T) needs a function that returns an ffi-arena type; it gave ${describeValue(target)}.`,
      );
    }
    this.#target = target as T;
    this.#pending = undefined;
    return target as T;
  }
}

declare const selfReference: unique symbol;
/**
 * The type of `pointerTo('name')` before it is bound: the struct being defined. In a struct's
 * field types, views read it as a pointer to that struct.
 * @example `const next: PointerType<SelfReference<'node'>> = pointerTo('node');`
 */
export type SelfReference<N extends string = string> = StructType & {
  /** The struct's name, at the type level only. */
  readonly [selfReference]: N;
};

/**
 * An inline fixed-length C array `T[N]`. Create with `array(T, N)`.
 * @example `const PATH: ArrayType<typeof u16, 260> = array(u16, 260);`
 */
export class ArrayType<E extends AnyType = AnyType, N extends number = number> {
  /** @internal Makes structured clone fail with a message that says what to do (see clone-guard.ts). */
  readonly cloneGuard = ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress;
  /** Always `'array'`. */
  readonly kind = 'array';
  /** The C spelling: `u16[260]`. */
  readonly name: string;
  /** `element.size × length` bytes. */
  readonly size: number;
  /** The element's alignment. */
  readonly align: number;
  /** @internal */
  codec: unknown = undefined;
  /** @internal */
  viewClass: unknown = undefined;
  /** @internal Makes a view of this type (see `StructType.makeView`). */
  declare makeView?: (view: DataView, offset: number, lifetime: unknown) => unknown;
  constructor(
    /** The element type. */
    readonly element: E,
    /** The number of elements. */
    readonly length: N,
  ) {
    this.name = `${element.name}[${length}]`;
    this.size = element.size * length;
    this.align = element.align;
  }
}

/**
 * The field types of a struct or union, by field name.
 * @example `const fields: FieldTypes = { x: i32, y: i32 };`
 */
export type FieldTypes = { readonly [name: string]: AnyType | BitField };

/**
 * A laid-out struct or union member.
 * @example `for (const field of RECT.fields) console.log(field.name, field.offset);`
 */
export interface Field extends NativeFieldDescription {
  /** The field's name. */
  readonly name: string;
  /** The field's type. */
  readonly type: AnyType;
  /** Byte offset from the start of the struct (always 0 in a union). */
  readonly offset: number;
  /** Effective alignment: the type's own alignment, capped by the struct's `pack`. */
  readonly alignment: number;
  /** For a bit-field (`bits(T, n)`): its first bit in the storage unit at `offset`, from the least significant. */
  readonly bitOffset?: number;
  /** For a bit-field: its width in bits (`type` is then the declared integer type, its unit). */
  readonly bitWidth?: number;
}

/**
 * A C struct or union with the platform's C layout. Create with `struct(...)` or `union(...)`.
 * @example `if (type instanceof StructType) type.fields.map((f) => f.name);`
 */
export class StructType<F extends FieldTypes = FieldTypes> {
  /** @internal Makes structured clone fail with a message that says what to do (see clone-guard.ts). */
  readonly cloneGuard = ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress;
  /** @internal */
  codec: unknown = undefined;
  /** @internal */
  viewClass: unknown = undefined;
  /**
   * @internal Makes a view of this type: `makeView(view, offset, lifetime)`. Added by the pointer
   * layer with the view class, not declared with a value: a property V8 sees stored once stays
   * constant to it, so where the type is known (`arena.alloc(FILETIME).ref`) it folds the maker and
   * inlines the view, however many struct types the program's `.ref` has seen.
   */
  declare makeView?: (view: DataView, offset: number, lifetime: unknown) => unknown;
  /** @internal The field types, for type inference only. */
  declare readonly fieldTypes: F;
  #fields: readonly Field[] | (() => readonly Field[]);
  constructor(
    /** `'struct'` or `'union'`. */
    readonly kind: 'struct' | 'union',
    /** The name given to `struct()` / `union()`. */
    readonly name: string,
    /**
     * The fields in declaration order, with their offsets; or a function that gives them on first
     * use (the generated Win32 API defines thousands of structs that most programs never touch).
     */
    fields: readonly Field[] | (() => readonly Field[]),
    /** Size in bytes, padding included (C `sizeof`). */
    readonly size: number,
    /** Alignment in bytes (C `_Alignof`). */
    readonly align: number,
    /** The `#pragma pack` value, or `undefined` for natural alignment. */
    readonly pack: number | undefined,
  ) {
    this.#fields = fields;
  }

  /** The fields in declaration order, with their offsets. */
  get fields(): readonly Field[] {
    const fields = this.#fields;
    if (typeof fields !== 'function') return fields;
    this.#fields = fields();
    return this.#fields as readonly Field[];
  }

  /** The field called `name`, or `undefined`. */
  field(name: string): Field | undefined {
    return this.fields.find((field) => field.name === name);
  }
}

/**
 * Any ffi-arena type.
 * @example `function describe(type: AnyType) { return `${type.name}: ${sizeOf(type)} bytes`; }`
 */
export type AnyType =
  | VoidType
  | OpaqueType
  | FunctionType
  | PrimitiveType
  | PointerType<AnyType>
  | ArrayType<AnyType, number>
  | StructType;

/**
 * Any type that has a size, i.e. everything but `void` and opaque types.
 * @example `function zeroed(type: SizedType) { return calloc.alloc(type); }`
 */
export type SizedType = Exclude<AnyType, VoidType | OpaqueType | FunctionType>;

/**
 * True for a struct, union or scalar type: one whose size and alignment were checked when it was
 * made, so allocators may take one element of it without checking again (their fast paths).
 */
export function isStructOrScalar(value: unknown): value is StructType | PrimitiveType {
  return value instanceof StructType || value instanceof PrimitiveType;
}

/** True if `value` is one of ffi-arena's type objects. */
export function isType(value: unknown): value is AnyType {
  return (
    value instanceof PrimitiveType ||
    value instanceof StructType ||
    value instanceof ArrayType ||
    value instanceof PointerType ||
    value instanceof VoidType ||
    value instanceof OpaqueType ||
    value instanceof FunctionType
  );
}
