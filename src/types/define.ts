import { describeValue, InvalidTypeError } from '../errors.js';
import { BitField, type BitFieldLayout, HOST_BIT_FIELD_LAYOUT } from './bit-field.js';
import { bitFieldPlacer } from './bit-field-placer.js';
import { firstUnknownKey, MAX_BYTE_LENGTH } from './checks.js';
import { CLONE_GUARD } from './clone-guard.js';
import { checkFlexibleArray, isFlexibleArray } from './flexible-array.js';
import {
  type AnyType,
  ArrayType,
  type Field,
  type FieldTypes,
  isType,
  OpaqueType,
  PointerType,
  type SelfReference,
  type SizedType,
  StructType,
} from './type.js';

/**
 * Options of `struct` and `union`.
 * @example `struct('PACKED', { a: u8, b: u32 }, { pack: 1 })`
 */
export interface CompositeOptions {
  /** `#pragma pack(n)`: caps every member's alignment at `n` (1, 2, 4, 8 or 16). */
  readonly pack?: 1 | 2 | 4 | 8 | 16;
  /**
   * How bit-fields are laid out: `'system-v'` (gcc, clang on Linux and macOS) or `'microsoft'`
   * (MSVC, mingw-w64). Default: this platform's. Name one to describe another platform's struct.
   */
  readonly bitFieldLayout?: BitFieldLayout;
}

/**
 * Fields given as `[name, type]` pairs, the form that can express (and so reject) duplicate names.
 * @example `struct('S', [['b', u8], ['a', u32]])`
 */
export type FieldList = readonly (readonly [string, AnyType | BitField])[];
/**
 * The field types of a `FieldList`, by name.
 * @example `type Fields = FieldListTypes<[['x', typeof i32]]>; // { x: typeof i32 }`
 */
export type FieldListTypes<L extends FieldList> = { readonly [E in L[number] as E[0]]: E[1] };

const VALID_PACKS = [1, 2, 4, 8, 16];
const BIT_FIELD_LAYOUTS: readonly unknown[] = ['system-v', 'microsoft'] satisfies BitFieldLayout[];
// JavaScript enumerates integer-like keys first, which would silently reorder C fields.
const INTEGER_LIKE = /^(0|[1-9][0-9]*)$/;

function alignUp(offset: number, alignment: number): number {
  return Math.ceil(offset / alignment) * alignment;
}

function fieldEntries(kind: string, name: string, fields: unknown): (readonly [string, unknown])[] {
  if (Array.isArray(fields)) {
    return fields.map((entry, index) => {
      if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') {
        throw new InvalidTypeError(
          `${kind} ${name}: field #${index} must be a [name, type] pair; got ${describeValue(entry)}.`,
        );
      }
      return [entry[0], entry[1]] as const;
    });
  }
  if (typeof fields !== 'object' || fields === null) {
    throw new InvalidTypeError(`${kind} ${name}: fields must be an object or a list of [name, type] pairs.`);
  }
  return Object.entries(fields);
}

function checkFieldName(kind: string, name: string, fieldName: string, seen: Set<string>): void {
  if (
    fieldName === '' ||
    fieldName === '__proto__' ||
    fieldName === CLONE_GUARD ||
    INTEGER_LIKE.test(fieldName)
  ) {
    throw new InvalidTypeError(
      `${kind} ${name}: ${describeValue(fieldName)} cannot be a field name (empty, __proto__, ${CLONE_GUARD} and integer names are not allowed).`,
    );
  }
  if (seen.has(fieldName)) {
    throw new InvalidTypeError(`${kind} ${name}: duplicate field name ${describeValue(fieldName)}.`);
  }
  seen.add(fieldName);
}

function checkFieldType(kind: string, name: string, fieldName: string, type: unknown): AnyType {
  if (!isType(type)) {
    throw new InvalidTypeError(
      `${kind} ${name}: field ${fieldName} has type ${describeValue(type)}, which is not an ffi-arena type (use u8, i32, struct(...), …).`,
    );
  }
  if (type.kind === 'void') {
    throw new InvalidTypeError(`${kind} ${name}: field ${fieldName} cannot be void (did you mean voidPtr?).`);
  }
  if (type.kind === 'opaque') {
    throw new InvalidTypeError(
      `${kind} ${name}: field ${fieldName} cannot hold the opaque type ${type.name} by value; it has no layout (did you mean pointerTo(${type.name})?).`,
    );
  }
  // A function cannot be a member; a callback type written as one means its pointer (WNDPROC).
  return type.kind === 'function' ? pointerTo(type) : type;
}

const COMPOSITE_OPTIONS: ReadonlySet<string> = new Set(['pack', 'bitFieldLayout']);

/** Options are an object of known names: a misspelt `packed: true` would otherwise lay out unpacked, silently. */
function checkCompositeOptions(kind: string, name: string, options: unknown): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidTypeError(`${kind} ${name}: options must be an object; got ${describeValue(options)}.`);
  }
  const unknown = firstUnknownKey(options, (key) => COMPOSITE_OPTIONS.has(key));
  if (unknown !== undefined) {
    throw new InvalidTypeError(
      `${kind} ${name} has no option ${JSON.stringify(unknown)}; its options are ${[...COMPOSITE_OPTIONS].join(', ')}.`,
    );
  }
}

function defineComposite(
  kind: 'struct' | 'union',
  name: unknown,
  fields: unknown,
  options: CompositeOptions | undefined,
): StructType {
  if (typeof name !== 'string' || name === '') {
    throw new InvalidTypeError(`a ${kind} needs a non-empty name; got ${describeValue(name)}.`);
  }
  checkCompositeOptions(kind, name, options);
  const pack = options?.pack;
  if (pack !== undefined && !VALID_PACKS.includes(pack)) {
    throw new InvalidTypeError(`${kind} ${name}: pack must be 1, 2, 4, 8 or 16; got ${describeValue(pack)}.`);
  }
  const entries = fieldEntries(kind, name, fields);
  if (entries.length === 0)
    throw new InvalidTypeError(`${kind} ${name} has no fields; C does not allow that.`);

  const layout = options?.bitFieldLayout ?? HOST_BIT_FIELD_LAYOUT;
  if (!BIT_FIELD_LAYOUTS.includes(layout)) {
    throw new InvalidTypeError(
      `${kind} ${name}: bitFieldLayout must be 'system-v' or 'microsoft'; got ${describeValue(layout)}.`,
    );
  }
  const seen = new Set<string>();
  const laidOut: Field[] = [];
  let end = 0;
  // Bit-fields share storage units by the layout's rules; a union's members each start afresh.
  let placer = bitFieldPlacer(layout);
  let align = 1;
  for (const [fieldName, fieldType] of entries) {
    checkFieldName(kind, name, fieldName, seen);
    if (fieldType instanceof BitField) {
      if (pack !== undefined) {
        throw new InvalidTypeError(
          `${kind} ${name}: bit-field ${fieldName} in a packed ${kind} is not supported.`,
        );
      }
      if (kind === 'union') placer = bitFieldPlacer(layout);
      const placed = placer.place(fieldName, fieldType, kind === 'union' ? 0 : end);
      laidOut.push(placed.field);
      end = Math.max(end, placed.end);
      align = Math.max(align, placed.alignment);
      continue;
    }
    const type = checkFieldType(kind, name, fieldName, fieldType);
    if (isFlexibleArray(type)) checkFlexibleArray(kind, name, fieldName, laidOut.length, entries.length);
    const alignment = pack === undefined ? type.align : Math.min(type.align, pack);
    const offset = kind === 'union' ? 0 : alignUp(end, alignment);
    laidOut.push({ name: fieldName, type, offset, alignment });
    end = Math.max(end, offset + type.size);
    placer.plainMember(end);
    align = Math.max(align, alignment);
  }
  const size = alignUp(end, align);
  if (size > MAX_BYTE_LENGTH) {
    throw new InvalidTypeError(`${kind} ${name} is ${size} bytes, over the ${MAX_BYTE_LENGTH}-byte limit.`);
  }
  const defined = new StructType(kind, name, laidOut, size, align, pack);
  for (const field of laidOut) if (field.type instanceof PointerType) field.type.bindSelf(name, defined);
  return defined;
}

/**
 * Defines a C struct with the platform's C layout (natural alignment and padding, or `pack`).
 *
 * @example
 * ```ts
 * const POINT = struct('POINT', { x: i32, y: i32 });
 * const PACKED = struct('PACKED', { a: u8, b: u32 }, { pack: 1 }); // #pragma pack(1)
 * ```
 * @throws InvalidTypeError for an empty struct, a duplicate or integer-like field name, a field
 *   type that is not an ffi-arena type, or a bad `pack`.
 */
export function struct<const F extends FieldTypes>(
  name: string,
  fields: F,
  options?: CompositeOptions,
): StructType<F>;
export function struct<const L extends FieldList>(
  name: string,
  fields: L,
  options?: CompositeOptions,
): StructType<FieldListTypes<L>>;
export function struct(name: string, fields: FieldTypes | FieldList, options?: CompositeOptions): StructType {
  return defineComposite('struct', name, fields, options);
}

/**
 * Defines a C union: every field at offset 0, size rounded up to the largest alignment.
 *
 * @example
 * ```ts
 * const LARGE_INTEGER = union('LARGE_INTEGER', { QuadPart: i64, parts: struct('parts', { LowPart: u32, HighPart: i32 }) });
 * ```
 */
export function union<const F extends FieldTypes>(
  name: string,
  fields: F,
  options?: CompositeOptions,
): StructType<F>;
export function union<const L extends FieldList>(
  name: string,
  fields: L,
  options?: CompositeOptions,
): StructType<FieldListTypes<L>>;
export function union(name: string, fields: FieldTypes | FieldList, options?: CompositeOptions): StructType {
  return defineComposite('union', name, fields, options);
}

/**
 * An inline fixed-length array `T[length]`, for struct fields such as `WCHAR szName[260]`.
 *
 * @example
 * ```ts
 * const NAME = struct('NAME', { len: u32, chars: array(u16, 260) });
 * ```
 * @throws InvalidTypeError if `element` is not a sized type or `length` is not a whole number ≥ 1.
 */
export function array<E extends SizedType, const N extends number>(element: E, length: N): ArrayType<E, N> {
  if (!isType(element) || (element as AnyType).size === 0) {
    throw new InvalidTypeError(
      `array element type must be a sized ffi-arena type; got ${describeValue(element)}.`,
    );
  }
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 1) {
    throw new InvalidTypeError(
      `array(${element.name}, …) length must be a whole number ≥ 1; got ${describeValue(length)} (for a variable-length tail, declare length 1 as Win32 does).`,
    );
  }
  if (element.size * length > MAX_BYTE_LENGTH) {
    throw new InvalidTypeError(`${element.name}[${length}] is over the ${MAX_BYTE_LENGTH}-byte limit.`);
  }
  return new ArrayType(element, length);
}

const pointerTypes = new WeakMap<AnyType, PointerType>();

/**
 * The pointer type `T *`. The same target always gives the same pointer type object.
 *
 * For a struct that points to itself (`struct node { …; struct node *next; }`), give its name:
 * `pointerTo('node')` in a field of `struct('node', …)` is bound to that struct when it is defined,
 * and views read it as a pointer to it. For structs that point to each other, give a function that
 * returns the other one: it is called when the pointer is first used, after both are defined
 * (TypeScript then needs the other's type written out, e.g. `(): StructType => B`).
 *
 * @example
 * ```ts
 * const NODE = struct('NODE', { value: i32, name: pointerTo(u8) });
 * const node = struct('node', { value: i32, next: pointerTo('node') });
 * for (let p = head; !p.isNull; p = p.ref.next) p.ref.value;
 * const A = struct('A', { b: pointerTo((): StructType => B) });
 * const B = struct('B', { a: pointerTo(A) });
 * ```
 * @throws InvalidTypeError for anything but a type, a C identifier or a function.
 */
export function pointerTo<T extends AnyType>(target: T): PointerType<T>;
export function pointerTo<const N extends string>(structName: N): PointerType<SelfReference<N>>;
export function pointerTo<T extends AnyType>(target: () => T): PointerType<T>;
export function pointerTo(target: AnyType | string | (() => AnyType)): PointerType {
  if (typeof target === 'function') return new PointerType(target);
  if (typeof target === 'string') {
    if (!IDENTIFIER.test(target)) {
      throw new InvalidTypeError(
        `pointerTo needs a type, a struct name or a function; got ${describeValue(target)}.`,
      );
    }
    return new PointerType(target);
  }
  if (!isType(target)) {
    throw new InvalidTypeError(`pointerTo needs an ffi-arena type; got ${describeValue(target)}.`);
  }
  let type = pointerTypes.get(target);
  if (type === undefined) {
    type = new PointerType(target);
    pointerTypes.set(target, type);
  }
  return type;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Declares a C type that is only ever used through pointers (`typedef struct sqlite3 sqlite3;`),
 * for handles in signatures: `sqlite3 *db`, `sqlite3 **ppDb`. Pointers to two different opaque
 * types are different TypeScript types and different runtime types, so passing one where the
 * other is declared is a compile error and, at run time, an `InvalidValueError`.
 *
 * @example
 * ```ts
 * const sqlite3 = opaque('sqlite3');
 * const open = lib.func('int sqlite3_open(const char *name, sqlite3 **db)', { types: { sqlite3 } });
 * const slot = arena.alloc(pointerTo(sqlite3));
 * open(':memory:', slot);
 * const db = slot.value; // Pointer<OpaqueType<'sqlite3'>>
 * ```
 * @throws InvalidTypeError if `name` is not a C identifier.
 */
export function opaque<const N extends string>(name: N): OpaqueType<N> {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new InvalidTypeError(`an opaque type needs a C identifier for a name; got ${describeValue(name)}.`);
  }
  return new OpaqueType(name);
}
