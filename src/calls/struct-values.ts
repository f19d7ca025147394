import { describeValue, InvalidSignatureError, InvalidValueError } from '../errors.js';
import { Pointer } from '../pointer/pointer.js';
import type { AnyType, StructType } from '../types/type.js';
import type { Marshaller } from './marshal.js';

type MemberMarshallerOf = (type: AnyType, what: string) => Marshaller;

/**
 * A struct passed or returned by value. Each field crosses as it would as an argument: checked
 * against its type on the way in (a `Pointer` field must be live, an integer in range), and read
 * as ffi-arena reads memory on the way out (64-bit integers as bigints, pointers as `Pointer`s).
 * The value in may be a plain object (missing fields are zero) or a live view (`p.ref`).
 */
export function structMarshaller(type: StructType, what: string, memberOf: MemberMarshallerOf): Marshaller {
  if (type.fields.some((field) => field.bitWidth !== undefined)) {
    throw new InvalidSignatureError(
      `${what}: ${type.name} has bit-fields, which cannot be passed by value; pass a pointer to it.`,
    );
  }
  const members = type.fields.map((field) => {
    const where = `${what}.${field.name}`;
    const marshaller =
      field.type.kind === 'array'
        ? arrayMarshaller(field.type.element, field.type.length, where, memberOf)
        : memberOf(field.type, where);
    return { name: field.name, marshaller };
  });
  return {
    native: type,
    toNative: (value, temporaries) => {
      if (typeof value !== 'object' || value === null || value instanceof Pointer) {
        throw new InvalidValueError(
          `${what} must be an object with the fields of ${type.name} or a view of one (passed by value); got ${describeValue(value)}.`,
        );
      }
      const fields = value as Readonly<Record<string, unknown>>;
      const native: Record<string, unknown> = {};
      for (const { name, marshaller } of members) {
        const field = fields[name];
        if (field !== undefined) native[name] = marshaller.toNative(field, temporaries);
      }
      return native;
    },
    fromNative: (raw) => {
      const fields = raw as Readonly<Record<string, unknown>>;
      const value: Record<string, unknown> = {};
      for (const { name, marshaller } of members) value[name] = marshaller.fromNative(fields[name]);
      return value;
    },
    takesCopies: members.some((member) => member.marshaller.takesCopies),
  };
}

/** An inline array field: any iterable of elements in (an `ArrayRef` view too), an array out. */
function arrayMarshaller(
  element: AnyType,
  length: number,
  what: string,
  memberOf: MemberMarshallerOf,
): Marshaller {
  const marshaller = memberOf(element, `${what}[]`);
  return {
    native: { kind: 'array', element: marshaller.native, length },
    toNative: (value, temporaries) => {
      if (typeof value !== 'object' || value === null || !(Symbol.iterator in value)) {
        throw new InvalidValueError(
          `${what} must be an array of ${length} elements; got ${describeValue(value)}.`,
        );
      }
      const elements = Array.from(value as Iterable<unknown>);
      if (elements.length > length) {
        throw new InvalidValueError(`${what} holds ${length} elements; got ${elements.length}.`);
      }
      return elements.map((item) => marshaller.toNative(item, temporaries));
    },
    fromNative: (raw) => (raw as readonly unknown[]).map(marshaller.fromNative),
    takesCopies: marshaller.takesCopies,
  };
}
