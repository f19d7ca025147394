import type { Arena } from '../arena/arena.js';
import { describeValue, InvalidArgumentError, InvalidValueError, UseAfterFreeError } from '../errors.js';
import type { NativeTypeDescription } from '../native/koffi-types.js';
import { FIRST_VALID_ADDRESS } from '../native/memory-views.js';
import { throwUseAfterFree } from '../pointer/lifetime.js';
import { Pointer } from '../pointer/pointer.js';
import { convertsImplicitly } from '../pointer/pointer-fields.js';
import { toNativeUtf8, toNativeUtf16 } from '../strings.js';
import { u32, usize, voidType } from '../types/primitives.js';
import type { AnyType, FunctionType, PointerType, PrimitiveKind } from '../types/type.js';
import { type CallbackInvoker, invokerOf } from './callback-invoker.js';
import { pointeeValues } from './pointee-values.js';
import { structMarshaller, unionMarshaller } from './struct-values.js';
import { type ResolvedType, type TextEncoding, textEncoding } from './type-names.js';

/** Where an argument's temporary native copy (a string, a struct, bytes) lives until the call returns. */
export interface Temporaries {
  arena(): Arena;
}

/** Checks one argument and turns it into what koffi passes for the declared type. */
export type ArgumentConverter = (value: unknown, temporaries: Temporaries) => unknown;

/** Turns what koffi returned into what the caller gets. */
export type ResultConverter = (raw: unknown) => unknown;

/** How a declared type crosses the call: the koffi-level type, and the converters. */
export interface Marshaller {
  readonly native: NativeTypeDescription;
  readonly toNative: ArgumentConverter;
  readonly fromNative: ResultConverter;
  /** True when the argument may be a value (a string, a struct, bytes) copied to native memory for the call. */
  readonly takesCopies: boolean;
}

// Pointers cross as plain integers: koffi passes numbers faster than BigInts (see system-heap.ts).
const ADDRESS: NativeTypeDescription = usize;

const INT_LIMITS: Partial<Record<PrimitiveKind, readonly [number, number]>> = {
  u8: [0, 0xff],
  i8: [-0x80, 0x7f],
  u16: [0, 0xffff],
  i16: [-0x8000, 0x7fff],
  u32: [0, 0xffffffff],
  i32: [-0x80000000, 0x7fffffff],
  u16be: [0, 0xffff],
  i16be: [-0x8000, 0x7fff],
  u32be: [0, 0xffffffff],
  i32be: [-0x80000000, 0x7fffffff],
};

const identity: ResultConverter = (raw) => raw;
const toBigInt: ResultConverter = (raw) => (typeof raw === 'bigint' ? raw : BigInt(raw as number));

/** `what` is an argument's name in messages: `clock_gettime argument 2 (tp)`. */
export function marshallerOf(resolved: ResolvedType, what: string): Marshaller {
  const { type } = resolved;
  switch (type.kind) {
    case 'primitive':
      return primitiveMarshaller(resolved, what);
    case 'pointer':
      return type.target.kind === 'function'
        ? callbackMarshaller(type, what)
        : pointerMarshaller(type.target, resolved, what);
    case 'struct':
      return structMarshaller(type, what, memberMarshaller);
    case 'union':
      return unionMarshaller(type, what, memberMarshaller);
    case 'void':
      return { native: type, toNative: () => undefined, fromNative: () => undefined, takesCopies: false };
    default:
      // Arrays cannot be written in a signature: the parser has no [] syntax.
      throw new InvalidArgumentError(`${what}: ${type.name} cannot be passed by value.`);
  }
}

function invalid(what: string, expected: string, value: unknown): never {
  throw new InvalidValueError(`${what} must be ${expected}; got ${describeValue(value)}.`);
}

function primitiveMarshaller(resolved: ResolvedType, what: string): Marshaller {
  const type = resolved.type as Extract<AnyType, { kind: 'primitive' }>;
  const kind = type.name;
  const limits = INT_LIMITS[kind];
  if (resolved.isBool) {
    return {
      native: type,
      toNative: (value) => {
        if (typeof value === 'boolean') return value ? 1 : 0;
        if (typeof value === 'number' && Number.isInteger(value) && (value | 0) === value) return value;
        return invalid(what, 'a boolean or a 32-bit integer (BOOL)', value);
      },
      fromNative: (raw) => raw !== 0,
      takesCopies: false,
    };
  }
  if (limits !== undefined) {
    const [min, max] = limits;
    const range = `an integer from ${min} to ${max} (${kind})`;
    return {
      native: type,
      toNative: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
          ? value
          : invalid(what, range, value),
      fromNative: resolved.isHresult ? (raw) => (raw as number) >>> 0 : identity,
      takesCopies: false,
    };
  }
  switch (kind) {
    case 'f32':
    case 'f64':
      return {
        native: type,
        toNative: (value) => (typeof value === 'number' ? value : invalid(what, 'a number', value)),
        fromNative: identity,
        takesCopies: false,
      };
    case 'bool':
      return {
        native: type,
        toNative: (value) => (typeof value === 'boolean' ? value : invalid(what, 'a boolean', value)),
        fromNative: identity,
        takesCopies: false,
      };
    default:
      return {
        native: type,
        toNative: wideIntegerArgument(kind, resolved.takesPointer, what),
        fromNative: toBigInt,
        takesCopies: false,
      };
  }
}

/**
 * 64-bit and pointer-sized integers: a bigint or a safe integer; for a handle (a pointer-sized
 * integer where the dialect says it may be a pointer), also a Pointer, or null for 0.
 */
function wideIntegerArgument(kind: PrimitiveKind, handle: boolean, what: string): ArgumentConverter {
  const signed = kind === 'i64' || kind === 'isize' || kind === 'i64be';
  const fits = signed
    ? (value: bigint) => BigInt.asIntN(64, value) === value
    : (value: bigint) => BigInt.asUintN(64, value) === value;
  const takesPointer = handle && kind.endsWith('size');
  const expected = `a bigint or safe integer that fits ${kind}${takesPointer ? ', a Pointer, or null' : ''}`;
  return (value) => {
    if (typeof value === 'bigint' && fits(value)) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value) && (signed || value >= 0)) return value;
    if (takesPointer) {
      if (value === null) return 0;
      // A handle that is a pointer (HLOCAL from FORMAT_MESSAGE_ALLOCATE_BUFFER): pass its address.
      if (value instanceof Pointer) return pointerAddress(value as Pointer, voidType, what);
    }
    if (value instanceof Pointer) {
      return invalid(what, `${expected} (a pointer's address as an integer is p.address)`, value);
    }
    return invalid(what, expected, value);
  };
}

/** A struct member or array element: as an argument of its type, with no name-given meaning. */
function memberMarshaller(type: AnyType, what: string): Marshaller {
  return marshallerOf(
    {
      type,
      isBool: false,
      isHresult: false,
      text: textEncoding(type, ''),
      takesAtom: false,
      takesPointer: false,
      constTarget: undefined,
    },
    what,
  );
}

const MAX_ATOM = 0xffff;
// A module-local alias: an imported binding is reloaded with a check on every use (see architecture.md).
const PointerClass = Pointer;
const FIRST_ADDRESS = BigInt(FIRST_VALID_ADDRESS);
const MAX_ADDRESS = BigInt(Number.MAX_SAFE_INTEGER);

/** A raw address is trusted, except one that cannot be a pointer (in the never-mapped first page). */
function isPointerAddress(value: unknown): value is bigint {
  return typeof value === 'bigint' && (value === 0n || (value >= FIRST_ADDRESS && value <= MAX_ADDRESS));
}

function pointerMarshaller(target: AnyType, resolved: ResolvedType, what: string): Marshaller {
  const { text, constTarget, takesAtom } = resolved;
  // Objects and bytes copied for a `const` pointee, refused with a reason by a non-const one.
  const values = pointeeValues(target, constTarget, what, memberMarshaller);
  const expected = `a Pointer<${target.name}>, null or a bigint address (0 or from 0x1000)${
    text === undefined
      ? ''
      : takesAtom
        ? ', a string, or a number up to 0xFFFF (an atom or resource id)'
        : ', or a string'
  }${values?.expected ?? ''}`;
  // The common case first, small enough to inline into the compiled call: a live pointer of the
  // declared type. Everything else (other types, NULL, addresses, strings, errors) is one call away.
  const toNative: ArgumentConverter = (value, temporaries) =>
    value instanceof PointerClass && value.type === target && value.lifetime.live === true
      ? value.addr
      : otherPointerArgument(value, temporaries);
  const otherPointerArgument: ArgumentConverter = (value, temporaries) => {
    if (value instanceof Pointer) return pointerAddress(value as Pointer, target, what);
    if (value === null) return 0;
    if (isPointerAddress(value)) return Number(value);
    if (text !== undefined) {
      if (typeof value === 'string') return encodeText(value, text, temporaries.arena());
      // MAKEINTATOM / MAKEINTRESOURCE: a small integer where a string pointer is declared.
      if (
        takesAtom &&
        typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= 0 &&
        value <= MAX_ATOM
      )
        return value;
    }
    if (values !== undefined) {
      const copy = values.convert(value, temporaries);
      if (copy !== undefined) return copy;
    }
    return invalid(what, expected, value);
  };
  return {
    native: ADDRESS,
    toNative,
    fromNative: (raw) => Pointer.fromAddress(raw as number, target),
    takesCopies: text !== undefined || values?.copies === true,
  };
}

/**
 * A function pointer parameter: a JavaScript function (a transient callback, valid for this call
 * only), a `Callback` of the declared type (live), a `Pointer<void>`, `null` or an address. koffi
 * gets the pointer-to-prototype type, which is what lets it make transient trampolines.
 */
function callbackMarshaller(type: PointerType, what: string): Marshaller {
  const target = type.target as FunctionType;
  const invoker = invokerOf(target);
  const transient = (fn: (...args: unknown[]) => unknown) =>
    (invoker as CallbackInvoker).wrap(
      () => fn,
      () => new UseAfterFreeError(`a transient callback of ${what} was called after the call returned.`),
    );
  const expected = `a function, a Callback<${target.name}>, null or an address`;
  return {
    native: type,
    toNative: (value) => {
      if (typeof value === 'function' && invoker !== undefined) return transient(value as never);
      if (value instanceof Pointer) return BigInt(pointerAddress(value as Pointer, target, what));
      if (value === null) return null;
      if (isPointerAddress(value)) return value;
      return invalid(what, expected, value);
    },
    fromNative: (raw) => Pointer.fromAddress(raw === null ? 0 : (raw as bigint), target),
    takesCopies: false,
  };
}

/** A NUL-terminated copy of `value` in `arena`, as C expects a `char *`, `WCHAR *` or 32-bit `wchar_t *`. */
function encodeText(value: string, text: TextEncoding, arena: Arena): number {
  if (text === 'utf8') return toNativeUtf8(value, arena).addr;
  if (text === 'utf16') return toNativeUtf16(value, arena).addr;
  const codePoints = Array.from(value, (character) => character.codePointAt(0) as number);
  const copy = arena.alloc(u32, codePoints.length + 1); // zeroed: the last unit is the NUL
  for (const [index, codePoint] of codePoints.entries()) copy.set(index, codePoint);
  return copy.addr;
}

/** A pointer's address, after checking what C would: the pointee type, and that it is still live. */
function pointerAddress(pointer: Pointer, target: AnyType, what: string): number {
  const type = pointer.type;
  if (!convertsImplicitly(type, target) && !sameLayout(type, target)) {
    throw new InvalidValueError(
      `${what} is declared ${target.name}*; got ${pointer}. Use .cast(${target.name}) if the reinterpretation is intended.`,
    );
  }
  const lifetime = pointer.lifetime;
  if (lifetime.live === false) throwUseAfterFree(lifetime, `${pointer} (passed as ${what})`);
  return pointer.addr;
}

const NOT_INTEGERS: ReadonlySet<PrimitiveKind> = new Set(['f32', 'f64', 'bool']);

/**
 * Pointees C accepts in place of each other: two definitions of the same C type (a caller's own
 * `FILETIME`), and integers that differ only in sign (`unsigned char *` for `char *`, a warning in C).
 */
function sameLayout(a: AnyType, b: AnyType): boolean {
  if (a.kind === 'primitive' && b.kind === 'primitive') {
    return a.size === b.size && !NOT_INTEGERS.has(a.name) && !NOT_INTEGERS.has(b.name);
  }
  return a.kind === b.kind && a.name === b.name && a.size === b.size;
}
