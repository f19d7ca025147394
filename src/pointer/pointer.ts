import {
  describeValue,
  InvalidArgumentError,
  InvalidTypeError,
  NullPointerError,
  OutOfBoundsError,
} from '../errors.js';
import {
  dedicatedView,
  EMPTY_VIEW,
  FIRST_VALID_ADDRESS,
  MAX_ADDRESS,
  MAX_REGION_BLOCK_BYTES,
  type MemoryView,
  regionView,
} from '../native/memory-views.js';
import { MAX_BYTE_LENGTH, requireCount, requireSize } from '../types/checks.js';
import { voidType } from '../types/primitives.js';
import { type AnyType, isType } from '../types/type.js';
import { type ViewMaker, viewClassOf } from './accessors.js';
import { decodeUtf8, decodeUtf16, utf8Length, utf16Length } from './c-strings.js';
import { codecOf } from './codecs.js';
import {
  FOREIGN_MEMORY,
  hasUnknownExtent,
  hexAddress,
  type Lifetime,
  throwUseAfterFree,
} from './lifetime.js';
import { usePointers } from './pointer-fields.js';
import type { InitOf, RefOf, ValueOf } from './values.js';

/** What a pointer holds once its `.ref` has been read once (see `Pointer.ref`). */
const REF_SEEN: object = Object.freeze({});

/**
 * `util.inspect.custom`, which Node, Bun and Deno all honour; by name, so that ffi-arena's
 * declarations need no Node.js typings.
 */
const INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * A typed pointer to native memory that knows its bounds and its lifetime.
 *
 * Pointers come from allocators (`calloc.alloc(POINT)`, `arena.alloc(u32, 16)`) or wrap memory that
 * native code returned (`Pointer.fromAddress`). Every access checks that the memory is still
 * live (else `UseAfterFreeError`) and that the element is inside the allocation (else
 * `OutOfBoundsError`); nothing ever reads or writes outside what was allocated.
 *
 * @example
 * ```ts
 * const p = calloc.alloc(POINT);
 * p.ref.x = 10;              // typed field access
 * const n = calloc.alloc(u32, 16);
 * n.set(3, 42); n.get(3);    // 42
 * nativeFunction(p.address); // a bigint, for koffi
 * free(p); free(n);
 * ```
 */
export class Pointer<T extends AnyType = AnyType> {
  /** The element type. */
  readonly type: T;
  /** How many bytes this pointer may access. */
  readonly byteLength: number;
  // Private: a region view spans 4 GiB, mostly unmapped. As an own property it would be walked by
  // util.inspect({ customInspect: false }) and assert.deepStrictEqual, which segfaults the process.
  readonly #view: MemoryView;
  /** @internal Where this pointer's first byte is in `view`: its address is `view.base + offset`. */
  readonly offset: number;
  /** @internal The lifetime shared with every pointer into the same allocation. */
  readonly lifetime: Lifetime;
  /** `undefined` until `.ref` is first read, then `REF_SEEN`; from the second read on, the view kept. */
  #keptRef: unknown;

  // No address field: the address is the view's base plus the offset. An address above 2^31 is
  // not a small integer, and as a field it would be boxed; nor is there arithmetic to split it
  // (which kept V8 from eliding pointers that are made and dropped in one optimised function).
  /** @internal Pointers are made by allocators and `Pointer.fromAddress`. */
  constructor(type: T, byteLength: number, view: MemoryView, offset: number, lifetime: Lifetime) {
    this.type = type;
    this.byteLength = byteLength;
    this.#view = view;
    this.offset = offset;
    this.lifetime = lifetime;
  }

  /** @internal The memory view that holds this pointer's bytes (index it from `offset`). */
  get view(): MemoryView {
    return this.#view;
  }

  /**
   * Wraps memory this library did not allocate, such as a pointer a C function returned. The
   * library trusts `count`; it cannot free this memory and never checks its lifetime.
   *
   * @param count elements of `type` the memory holds; for `voidType`, a byte count.
   * @example `const st = Pointer.fromAddress(addressFromC, SYSTEMTIME); st.ref.wYear;`
   */
  static fromAddress<T extends AnyType>(address: bigint | number, type: T, count = 1): Pointer<T> {
    const addr = checkAddress(address);
    if (!isType(type))
      throw new InvalidTypeError(`fromAddress needs an ffi-arena type; got ${describeValue(type)}.`);
    if (addr === 0) return nullPointer(type);
    const byteLength =
      type.size === 0 ? requireCount(count, 'byte count') : requireCount(count, 'count') * type.size;
    if (byteLength > MAX_BYTE_LENGTH)
      throw new InvalidArgumentError(`${count} × ${type.name} is over the size limit.`);
    return foreignPointer(type, addr, byteLength);
  }

  /** How many elements of `type` this pointer may access (0 for `void` and `NULL`). */
  get count(): number {
    const size = this.type.size;
    return size === 0 ? 0 : Math.floor(this.byteLength / size);
  }

  /** @internal The address as a number (exact: addresses stay below 2^53). */
  get addr(): number {
    return this.#view.base + this.offset;
  }

  /** The address, as koffi expects pointers. `0n` for `NULL`. */
  get address(): bigint {
    return BigInt(this.addr);
  }

  /** True for a null pointer. */
  get isNull(): boolean {
    return this.addr === 0;
  }

  /**
   * A live view of the struct, union or array this pointer points to. Field reads and writes go
   * straight to native memory. All views of the same memory see the same bytes; whether two reads
   * of `.ref` give the same view object is not specified (compare addresses, not views).
   */
  get ref(): RefOf<T> {
    // The first read makes a fresh view: one that is used and dropped costs nothing where V8 can
    // elide it, and a kept one never can be (it would escape with the pointer). A pointer read a
    // second time is likely to be read many times: from then on it keeps its view, which spares a
    // view per read where V8 cannot elide them (a program with several struct types, whose maker
    // calls are megamorphic: `p.ref.a = p.ref.b + 1` on a held pointer, 112 → 0 bytes, 25–27 → 11 ns on Node 20).
    // Kept small (V8 inlines it into the caller only while it fits its budget): later reads are
    // out of line. The maker, not `new ViewClass`: one constructor call shared by every type goes
    // megamorphic in a program with more than four struct types; the maker is folded where the
    // type is known.
    const kept = this.#keptRef;
    if (kept !== undefined) return this.laterRef(kept);
    const type = this.type;
    const makeView = (type as { makeView?: ViewMaker }).makeView;
    const lifetime = this.lifetime;
    if (makeView === undefined || lifetime.live === false || this.byteLength < type.size)
      return this.firstRef();
    this.#keptRef = REF_SEEN;
    return makeView(this.#view, this.offset, lifetime) as unknown as RefOf<T>;
  }

  /** The first element: `get(0)`. For a struct, a live view of it, like `.ref`. */
  get value(): ValueOf<T> {
    return this.get(0);
  }

  /** Writes the first element: `set(0, value)`. */
  set value(value: InitOf<T>) {
    this.set(0, value);
  }

  /**
   * Element `index`. Primitives read as numbers, bigints and booleans; structs and arrays as live views.
   * @throws OutOfBoundsError unless `0 <= index < count`; UseAfterFreeError once freed.
   */
  get(index: number): ValueOf<T> {
    return codecOf(this.type).read(this.#view, this.elementOffset(index), this.lifetime) as ValueOf<T>;
  }

  /**
   * Writes element `index`. Integers must be whole and in the type's range, `bool` takes a boolean,
   * 64-bit types take a bigint or a safe integer; nothing is truncated silently.
   * @throws InvalidValueError, OutOfBoundsError, UseAfterFreeError.
   */
  set(index: number, value: InitOf<T>): void {
    codecOf(this.type).write(this.#view, this.elementOffset(index), value, this.lifetime);
  }

  /** A pointer to element `index`, sharing this pointer's lifetime and bounded by its end. */
  at(index: number): Pointer<T> {
    const offset = this.elementOffset(index);
    return new Pointer(
      this.type,
      this.byteLength - (offset - this.offset),
      this.#view,
      offset,
      this.lifetime,
    );
  }

  /**
   * The same memory seen as `count` elements of another type (default: as many as fit). The
   * result shares this pointer's lifetime. For memory this library allocated, `count` cannot
   * reach past the allocation; for foreign memory it is trusted, and defaults to at least one
   * element (a `void *` read from C has no known extent).
   * @example `const bytes = p.cast(u8); bytes.get(0);`
   */
  cast<U extends AnyType>(type: U, count?: number): Pointer<U> {
    if (!isType(type))
      throw new InvalidTypeError(`cast needs an ffi-arena type; got ${describeValue(type)}.`);
    const lifetime = this.lifetime;
    if (lifetime.live === false) useAfterFree(lifetime, this);
    if (this.addr === 0) return nullPointer(type);
    const elementSize = type.size === 0 ? 1 : type.size;
    const foreign = hasUnknownExtent(lifetime);
    // Foreign memory (a `void *` from C) has no known extent: like C, it holds at least one element.
    const fitting = Math.floor(this.byteLength / elementSize);
    const elements =
      count !== undefined ? requireCount(count, 'count') : foreign ? Math.max(fitting, 1) : fitting;
    const byteLength = elements * elementSize;
    if (elements === 0 || (!foreign && byteLength > this.byteLength)) {
      throw new OutOfBoundsError(
        `cannot cast ${this} to ${count ?? 'at least 1'} × ${type.name}: only ${this.byteLength} bytes are allocated.`,
      );
    }
    if (foreign) return createPointer(type, this.addr, byteLength, lifetime);
    return new Pointer(type, byteLength, this.#view, this.offset, lifetime);
  }

  /**
   * Reads a UTF-8 string (C `char *`). Without a length, reads up to the first NUL, or to the end
   * of the allocation if there is none. With a length (Dart's `toDartString(length:)`), reads
   * exactly that many bytes, NULs included; `0` gives `''`. With `maxLength`, up to the first NUL
   * or that many bytes, whichever comes first. Foreign memory (a `char *` from C) has no known
   * end, so a read runs to its NUL, as in C. Invalid UTF-8 decodes to U+FFFD, or with
   * `strict: true` throws `InvalidUtf8Error`.
   * @example `p.toUtf8String(); p.toUtf8String(5); p.toUtf8String({ length: 5, strict: true }); p.toUtf8String({ maxLength: 64 });`
   * @throws OutOfBoundsError for a length past the allocation; UseAfterFreeError; NullPointerError.
   */
  toUtf8String(lengthOrOptions?: number | Utf8ReadOptions): string {
    const options = stringReadOptions(lengthOrOptions, 'toUtf8String');
    const length = this.stringLength(options, 1, utf8Length);
    return decodeUtf8(this.#view, this.offset, length, options.strict === true);
  }

  /**
   * Reads a UTF-16 string (Win32 `LPCWSTR`). Without a length, reads up to the first NUL unit, or
   * to the end of the allocation; with one, exactly `length` code units, NULs included. With
   * `maxLength`, up to the first NUL or that many units, whichever comes first. Lone surrogates are
   * kept as they are.
   * @example `wide.toUtf16String(); buffer.toUtf16String(charsWritten); name.toUtf16String({ maxLength: 260 });`
   * @throws OutOfBoundsError for a length past the allocation; UseAfterFreeError; NullPointerError.
   */
  toUtf16String(lengthOrOptions?: number | Utf16ReadOptions): string {
    const options = stringReadOptions(lengthOrOptions, 'toUtf16String');
    return decodeUtf16(this.#view, this.offset, this.stringLength(options, 2, utf16Length));
  }

  /**
   * The length in bytes of the NUL-terminated UTF-8 string here, terminator excluded (C's
   * `strlen`, Dart's `Utf8.length`); the end of the allocation if it holds no NUL.
   * @example `toNativeUtf8('héllo').utf8Length() // 6`
   */
  utf8Length(): number {
    return utf8Length(this.#view, this.offset, this.stringUnits(1));
  }

  /**
   * The length in UTF-16 code units of the NUL-terminated string here, terminator excluded
   * (`wcslen`, Dart's `Utf16.length`); the end of the allocation if it holds no NUL unit.
   * @example `toNativeUtf16('😀').utf16Length() // 2`
   */
  utf16Length(): number {
    return utf16Length(this.#view, this.offset, this.stringUnits(2));
  }

  /** `Pointer<POINT>(0x55d0c2a0, 1 element)`. */
  toString(): string {
    if (this.addr === 0) return `Pointer<${this.type.name}>(NULL)`;
    const extent =
      this.type.size === 0
        ? `${this.byteLength} bytes`
        : `${this.count} element${this.count === 1 ? '' : 's'}`;
    return `Pointer<${this.type.name}>(${hexAddress(this.addr)}, ${extent})`;
  }

  /** How `console.log` and `util.inspect` show a pointer: `toString()`, marked once freed. */
  [INSPECT](): string {
    return this.lifetime.live ? this.toString() : `${this} [freed]`;
  }

  /** `.ref` when it is not the plain case: the view class is not built yet, or an access fails. */
  /** `.ref` read again: the view kept, once the memory is checked to be live; made at the second read. */
  private laterRef(kept: unknown): RefOf<T> {
    if (kept === REF_SEEN || this.lifetime.live === false) return this.keepRef();
    return kept as RefOf<T>;
  }

  private keepRef(): RefOf<T> {
    const view = this.firstRef();
    this.#keptRef = view;
    return view;
  }

  private firstRef(): RefOf<T> {
    const type = this.type;
    if (type.kind !== 'struct' && type.kind !== 'union' && type.kind !== 'array') {
      throw new InvalidArgumentError(`.ref is for structs, unions and arrays; use .value on a ${this}.`);
    }
    const lifetime = this.lifetime;
    if (lifetime.live === false) useAfterFree(lifetime, this);
    if (this.byteLength < type.size) this.throwOutOfBounds(0);
    return viewClassOf(type).make(this.#view, this.offset, lifetime) as unknown as RefOf<T>;
  }

  /** The view offset of element `index`, once the lifetime and the bounds are checked. */
  private elementOffset(index: number): number {
    const lifetime = this.lifetime;
    if (lifetime.live === false) useAfterFree(lifetime, this);
    const size = this.type.size;
    // typeof first: `>>>` throws an untyped TypeError on symbols and bigints.
    if (
      typeof index !== 'number' ||
      index >>> 0 !== index ||
      size === 0 ||
      (index + 1) * size > this.byteLength
    ) {
      this.throwOutOfBounds(index);
    }
    return this.offset + index * size;
  }

  /**
   * The string's length in units: `length` if given and in bounds, else the NUL-scanned length
   * (scanning at most `maxLength` units).
   */
  private stringLength(
    options: Utf16ReadOptions,
    unitSize: number,
    scan: (view: MemoryView, offset: number, limit: number) => number,
  ): number {
    const available = this.stringUnits(unitSize);
    const { length, maxLength } = options;
    if (length === undefined) {
      const limit =
        maxLength === undefined ? available : Math.min(available, requireSize(maxLength, 'maxLength'));
      return scan(this.#view, this.offset, limit);
    }
    const units = requireSize(length, 'length');
    if (units > available) {
      throw new OutOfBoundsError(
        `cannot read ${units} ${unitSize === 1 ? 'bytes' : 'UTF-16 units'} from ${this}: only ${available} are there.`,
      );
    }
    return units;
  }

  /** How many string units of `unitSize` bytes may be read here, once the pointer is checked. */
  private stringUnits(unitSize: number): number {
    const lifetime = this.lifetime;
    if (lifetime.live === false) useAfterFree(lifetime, this);
    if (this.addr === 0) throw new NullPointerError('cannot read a string from NULL.');
    // Foreign memory has no known end: read up to the NUL, like C (bounded by the memory view).
    const available = hasUnknownExtent(lifetime) ? this.#view.byteLength - this.offset : this.byteLength;
    return Math.floor(available / unitSize);
  }

  private throwOutOfBounds(index: unknown): never {
    if (this.addr === 0)
      throw new NullPointerError(`cannot access element ${describeValue(index)} of ${this}.`);
    if (this.type.size === 0) {
      throw new InvalidArgumentError(
        `${this} has no typed elements; cast it to a type first, e.g. p.cast(u8).`,
      );
    }
    throw new OutOfBoundsError(
      `index ${describeValue(index)} is out of bounds for ${this}; valid indices are whole numbers from 0 to ${this.count - 1}.`,
    );
  }
}

/**
 * Options of `Pointer.toUtf16String`.
 * @example `p.toUtf16String({ maxLength: 260 })`
 */
export interface Utf16ReadOptions {
  /** Read exactly this many units, NULs included (default: up to the first NUL). */
  readonly length?: number;
  /**
   * Without `length`: read up to the first NUL, but at most this many units (C's `strnlen`), for
   * foreign strings whose buffer size is known but whose NUL may be missing.
   */
  readonly maxLength?: number;
}

/**
 * Options of `Pointer.toUtf8String`.
 * @example `p.toUtf8String({ length: 5, strict: true }); p.toUtf8String({ maxLength: 64 })`
 */
export interface Utf8ReadOptions extends Utf16ReadOptions {
  /** Throw `InvalidUtf8Error` on invalid UTF-8 instead of decoding it to U+FFFD (default `false`). */
  readonly strict?: boolean;
}

function stringReadOptions(value: number | Utf8ReadOptions | undefined, method: string): Utf8ReadOptions {
  if (value === undefined || typeof value === 'number') return { length: value };
  // Only a plain object: a pointer or an array passed by mistake must not read as "no options".
  const prototype = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  if (prototype !== Object.prototype && prototype !== null) {
    const strict = method === 'toUtf8String' ? ', strict?' : '';
    throw new InvalidArgumentError(
      `${method} takes a length or { length?, maxLength?${strict} }; got ${describeValue(value)}.`,
    );
  }
  if (value.strict !== undefined && typeof value.strict !== 'boolean') {
    throw new InvalidArgumentError(
      `${method}'s strict must be a boolean; got ${describeValue(value.strict)}.`,
    );
  }
  return value;
}

/**
 * Throws `UseAfterFreeError` for `pointer`. A module-local function on purpose: V8 treats a direct
 * call to an imported function in the never-taken branch of the hot getters as code it may inline
 * (a `throw`), which keeps it from eliding the pointer and its view.
 */
function useAfterFree(lifetime: Lifetime, pointer: Pointer<AnyType>): never {
  throwUseAfterFree(lifetime, pointer);
}

function checkAddress(address: unknown): number {
  const addr =
    typeof address === 'bigint' && address >= 0n && address <= BigInt(MAX_ADDRESS)
      ? Number(address)
      : address;
  if (typeof addr !== 'number' || !Number.isSafeInteger(addr) || addr < 0) {
    throw new InvalidArgumentError(
      `an address must be a bigint or number from 0 to 2^53 - 1; got ${describeValue(address)}.`,
    );
  }
  if (addr !== 0 && addr < FIRST_VALID_ADDRESS) {
    throw new InvalidArgumentError(
      `address ${hexAddress(addr)} is in the never-mapped first page; it is not a pointer.`,
    );
  }
  return addr;
}

/** A pointer to `byteLength` bytes at `address` with the given lifetime: the one way to make one. */
export function createPointer<T extends AnyType>(
  type: T,
  address: number,
  byteLength: number,
  lifetime: Lifetime,
): Pointer<T> {
  const view =
    byteLength <= MAX_REGION_BLOCK_BYTES ? regionView(address) : dedicatedView(address, byteLength);
  // `| 0`: a block starts less than 2^31 bytes into its view, and as the difference of two doubles
  // (view bases are) the offset would be a heap number, after which V8 stores every pointer's
  // offset as a double: a layout change under running code, and a box per pointer.
  return new Pointer(type, byteLength, view, (address - view.base) | 0, lifetime);
}

/** A pointer into memory this library does not own. */
export function foreignPointer<T extends AnyType>(type: T, address: number, byteLength: number): Pointer<T> {
  return createPointer(type, address, byteLength, FOREIGN_MEMORY);
}

/** A typed null pointer: no elements, and every access throws `NullPointerError`. */
export function nullPointer<T extends AnyType>(type: T): Pointer<T> {
  return new Pointer(type, 0, EMPTY_VIEW, 0, FOREIGN_MEMORY);
}

/**
 * The null pointer. Pass it where C takes `NULL`; every access throws `NullPointerError`. Typed
 * `Pointer<never>` so that, as in C, it can be stored in a pointer of any type.
 * @example `fn(NULL.address); if (p.isNull) …`
 */
export const NULL: Pointer<never> = nullPointer(voidType) as Pointer<never>;

// Pointer fields in memory read as pointers: the module that reads them sits below this one.
usePointers({ Pointer, nullPointer, foreignPointer, ownedPointer: createPointer });
