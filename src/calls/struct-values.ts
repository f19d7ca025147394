import { describeValue, InvalidSignatureError, InvalidValueError } from '../errors.js';
import { CompositeView, viewClassOf } from '../pointer/accessors.js';
import { Pointer } from '../pointer/pointer.js';
import { firstUnknownKey } from '../types/checks.js';
import type { AnyType, StructType } from '../types/type.js';
import type { Marshaller } from './marshal.js';

type MemberMarshallerOf = (type: AnyType, what: string) => Marshaller;

/** A struct or union member, checked and converted as an argument of its type would be. */
function memberMarshallers(type: StructType, what: string, memberOf: MemberMarshallerOf) {
  if (type.fields.some((field) => field.bitWidth !== undefined)) {
    throw new InvalidSignatureError(
      `${what}: ${type.name} has bit-fields, which cannot be passed by value; pass a pointer to it.`,
    );
  }
  return type.fields.map((field) => {
    const where = `${what}.${field.name}`;
    const marshaller =
      field.type.kind === 'array'
        ? arrayMarshaller(field.type.element, field.type.length, where, memberOf)
        : memberOf(field.type, where);
    return { name: field.name, marshaller };
  });
}

/**
 * A struct passed or returned by value. Each field crosses as it would as an argument: checked
 * against its type on the way in (a `Pointer` field must be live, an integer in range), and read
 * as ffi-arena reads memory on the way out (64-bit integers as bigints, pointers as `Pointer`s).
 * The value in may be a plain object (missing fields are zero) or a live view (`p.ref`).
 */
export function structMarshaller(type: StructType, what: string, memberOf: MemberMarshallerOf): Marshaller {
  const members = memberMarshallers(type, what, memberOf);
  const expected = `an object with the fields of ${type.name} or a view of one (passed by value)`;
  return {
    native: type,
    toNative: (value, temporaries) => {
      if (typeof value !== 'object' || value === null || value instanceof Pointer || Array.isArray(value)) {
        throw new InvalidValueError(`${what} must be ${expected}; got ${describeValue(value)}.`);
      }
      if (value instanceof CompositeView) {
        if (!(value instanceof viewClassOf(type)))
          throw new InvalidValueError(`${what} must be ${expected}; got a view of another type.`);
      } else {
        // A misspelt field would otherwise be a zero.
        const unknown = firstUnknownKey(value, (name) => type.field(name) !== undefined);
        if (unknown !== undefined) {
          throw new InvalidValueError(
            `${what}: ${type.name} has no field ${describeValue(unknown)} (passing ${describeValue(value)}).`,
          );
        }
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

/**
 * A union passed or returned by value: the object in names exactly one member, whose value is
 * checked as that member's type (koffi lays the union out from it); the value out is koffi's.
 */
export function unionMarshaller(type: StructType, what: string, memberOf: MemberMarshallerOf): Marshaller {
  const members = new Map(memberMarshallers(type, what, memberOf).map((m) => [m.name, m.marshaller]));
  const names = [...members.keys()].join(', ');
  return {
    native: type,
    toNative: (value, temporaries) => {
      const keys =
        typeof value === 'object' && value !== null && !(value instanceof Pointer) && !Array.isArray(value)
          ? Object.keys(value)
          : [];
      const member = keys.length === 1 ? members.get(keys[0] as string) : undefined;
      if (member === undefined) {
        throw new InvalidValueError(
          `${what} must be an object with one member of ${type.name} (${names}), passed by value; got ${describeValue(value)}.`,
        );
      }
      const name = keys[0] as string;
      return { [name]: member.toNative((value as Record<string, unknown>)[name], temporaries) };
    },
    fromNative: (raw) => raw,
    takesCopies: [...members.values()].some((member) => member.takesCopies),
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
