import { describeValue, InvalidSignatureError, InvalidValueError } from '../errors.js';
import { encodeValue } from '../native/encode.js';
import { CompositeView } from '../pointer/accessors.js';
import { writeBytes } from '../pointer/bytes.js';
import type { Pointer } from '../pointer/pointer.js';
import type { AnyType, StructType } from '../types/type.js';
import type { ArgumentConverter, Marshaller, Temporaries } from './marshal.js';
import { structMarshaller } from './struct-values.js';

type MemberMarshallerOf = (type: AnyType, what: string) => Marshaller;

/**
 * What a pointer parameter takes besides pointers, NULL and addresses, by its pointee and by
 * whether the declaration says the callee only reads it (`const`):
 *
 * - `const S *`, S a struct or union: an object with S's fields (as S by value takes) or a view;
 * - `const void *`, `const uint8_t *` (`unsigned char`, `BYTE`, `u8`): a `Uint8Array` (a `Buffer`
 *   too), its bytes. Other `ArrayBufferView`s are refused: the length beside such a parameter
 *   counts bytes, and their `length` counts elements.
 *
 * The value is copied into a zeroed call temporary, freed when the call returns or throws. A
 * non-`const` one refuses values: the callee writes through it, and its writes into a copy would
 * be lost.
 */
export interface PointeeValues {
  /**
   * The address of a temporary copy of `value`, or `undefined` for a value of no kind this
   * parameter takes. Throws for a value of the right kind that is refused (non-`const`) or bad.
   */
  readonly convert: (value: unknown, temporaries: Temporaries) => number | undefined;
  /** What it takes, for the message of a wrong argument: `, an object with the fields of RECT or a view of one`. */
  readonly expected: string;
  /** True when it may copy a value, so the call needs temporaries. */
  readonly copies: boolean;
}

/** Pointees a value can be copied for: structs and unions as values, untyped and byte memory as bytes. */
function valueKind(target: AnyType): 'record' | 'bytes' | undefined {
  if (target.kind === 'struct' || target.kind === 'union') return 'record';
  if (target.kind === 'void' || (target.kind === 'primitive' && target.name === 'u8')) return 'bytes';
  return undefined;
}

/**
 * The values a `target *` parameter takes, or `undefined` when its pointee takes none, or when
 * `constTarget` is unknown (a struct field, a callback's result: no call's copy can serve them).
 */
export function pointeeValues(
  target: AnyType,
  constTarget: boolean | undefined,
  what: string,
  memberOf: MemberMarshallerOf,
): PointeeValues | undefined {
  const kind = valueKind(target);
  if (kind === undefined || constTarget === undefined) return undefined;
  if (!constTarget) return { convert: refusedValues(target, what), expected: '', copies: false };
  if (kind === 'bytes') {
    return { convert: bytesCopy(what), expected: ', a Uint8Array (copied for the call)', copies: true };
  }
  const record = target as StructType;
  return {
    convert: recordCopy(record, what, memberOf),
    expected: `, an object with the fields of ${record.name} or a view of one (copied for the call)`,
    copies: true,
  };
}

/** Objects, arrays and typed arrays: what a `const` pointer could copy, refused by a non-`const` one. */
function isValueLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function refusedValues(target: AnyType, what: string): PointeeValues['convert'] {
  const allocation = target.kind === 'void' ? 'arena.alloc(u8, n)' : `arena.alloc(${target.name})`;
  return (value) => {
    if (!isValueLike(value)) return undefined;
    throw new InvalidValueError(
      `${what} is declared ${target.name}* without const: the callee writes through it, and its writes into a copy would be lost. Allocate the memory (${allocation}) and pass the Pointer; got ${describeValue(value)}.`,
    );
  };
}

function bytesCopy(what: string): PointeeValues['convert'] {
  return (value, temporaries) => {
    if (value instanceof Uint8Array) {
      // One byte at least: C may not be given NULL for an empty buffer it is told has 0 bytes.
      const copy = temporaries.arena().allocate(Math.max(value.byteLength, 1));
      writeBytes(copy, value);
      return copy.addr;
    }
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
      throw new InvalidValueError(
        `${what} takes bytes as a Uint8Array; got ${describeValue(value)}. Pass its bytes: new Uint8Array(view.buffer, view.byteOffset, view.byteLength).`,
      );
    }
    return undefined;
  };
}

function recordCopy(type: StructType, what: string, memberOf: MemberMarshallerOf): PointeeValues['convert'] {
  const byValue = objectConverter(type, what, memberOf);
  return (value, temporaries) => {
    if (!isValueLike(value) || Array.isArray(value) || ArrayBuffer.isView(value)) return undefined;
    const copy = temporaries.arena().alloc(type);
    // A view is copied byte for byte, as `p.value = view` does (a view of another type is refused).
    if (value instanceof CompositeView) copy.value = value as never;
    else byValue(copy, value, temporaries);
    return copy.addr;
  };
}

type ObjectWriter = (copy: Pointer<AnyType>, value: unknown, temporaries: Temporaries) => void;

/**
 * How an object is written into the copy: checked and converted field by field as a struct by
 * value is, then laid out by the native layer. A struct with bit-fields (which cannot go by value)
 * is written as `p.value = object` writes it.
 */
function objectConverter(type: StructType, what: string, memberOf: MemberMarshallerOf): ObjectWriter {
  let toNative: ArgumentConverter;
  try {
    toNative =
      type.kind === 'struct'
        ? structMarshaller(type, what, copiedMember(memberOf)).toNative
        : memberOf(type, what).toNative;
  } catch (error) {
    if (!(error instanceof InvalidSignatureError)) throw error;
    return (copy, value) => {
      (copy as Pointer<StructType>).value = value as never;
    };
  }
  return (copy, value, temporaries) => {
    writeBytes(copy, encodeValue(type, type.size, toNative(value, temporaries)));
  };
}

/**
 * Fields of a copied struct convert as a struct by value's do, except a function for a callback
 * field: a transient callback lives for a call, and a copy is not a call's argument. A
 * registered `Callback` is taken.
 */
function copiedMember(memberOf: MemberMarshallerOf): MemberMarshallerOf {
  const member: MemberMarshallerOf = (type, what) => {
    if (type.kind === 'struct') return structMarshaller(type, what, member);
    const marshaller = memberOf(type, what);
    if (type.kind !== 'pointer' || type.target.kind !== 'function') return marshaller;
    const toNative = marshaller.toNative;
    return {
      ...marshaller,
      toNative: (value, temporaries) => {
        if (typeof value === 'function') {
          throw new InvalidValueError(
            `${what} is a callback field of a struct copied for the call: pass a registered Callback (arena.callback or registerCallback), not a function.`,
          );
        }
        return toNative(value, temporaries);
      },
    };
  };
  return member;
}
