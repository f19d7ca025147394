import type { Arena } from '../arena/arena.js';
import { describeValue, InvalidArgumentError, InvalidValueError } from '../errors.js';
import type { NativeTypeDescription } from '../native/koffi-types.js';
import { throwUseAfterFree } from '../pointer/lifetime.js';
import { Pointer } from '../pointer/pointer.js';
import { convertsImplicitly } from '../pointer/pointer-fields.js';
import { toNativeUtf8, toNativeUtf16 } from '../strings.js';
import { usize, voidType } from '../types/primitives.js';
import type { AnyType, PrimitiveKind } from '../types/type.js';
import type { ResolvedType } from './type-names.js';

/** Where an argument's temporary native copy (a string) lives until the call returns. */
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
  /** True when the argument may be a string copied to native memory for the call. */
  readonly takesStrings: boolean;
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
};

const identity: ResultConverter = (raw) => raw;
const toBigInt: ResultConverter = (raw) => (typeof raw === 'bigint' ? raw : BigInt(raw as number));

/** `what` is an argument's name in messages: `GetProcessTimes argument 2 (lpCreationTime)`. */
export function marshallerOf(resolved: ResolvedType, what: string): Marshaller {
  const { type } = resolved;
  switch (type.kind) {
    case 'primitive':
      return primitiveMarshaller(resolved, what);
    case 'pointer':
      return pointerMarshaller(type.target, what);
    case 'struct':
    case 'union':
      return {
        native: type,
        toNative: structArgument(type.name, what),
        fromNative: identity,
        takesStrings: false,
      };
    case 'void':
      return { native: type, toNative: () => undefined, fromNative: () => undefined, takesStrings: false };
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
      takesStrings: false,
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
      takesStrings: false,
    };
  }
  switch (kind) {
    case 'f32':
    case 'f64':
      return {
        native: type,
        toNative: (value) => (typeof value === 'number' ? value : invalid(what, 'a number', value)),
        fromNative: identity,
        takesStrings: false,
      };
    case 'bool':
      return {
        native: type,
        toNative: (value) => (typeof value === 'boolean' ? value : invalid(what, 'a boolean', value)),
        fromNative: identity,
        takesStrings: false,
      };
    default:
      return {
        native: type,
        toNative: wideIntegerArgument(kind, what),
        fromNative: toBigInt,
        takesStrings: false,
      };
  }
}

/** 64-bit and pointer-sized integers (handles): a bigint, a safe integer, or null for 0. */
function wideIntegerArgument(kind: PrimitiveKind, what: string): ArgumentConverter {
  const signed = kind === 'i64' || kind === 'isize';
  const fits = signed
    ? (value: bigint) => BigInt.asIntN(64, value) === value
    : (value: bigint) => BigInt.asUintN(64, value) === value;
  const expected = `a bigint or safe integer that fits ${kind}${kind.endsWith('size') ? ', a Pointer, or null' : ''}`;
  return (value) => {
    if (typeof value === 'bigint' && fits(value)) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value) && (signed || value >= 0)) return value;
    if (kind.endsWith('size')) {
      if (value === null) return 0;
      // A handle that is a pointer (HLOCAL from FORMAT_MESSAGE_ALLOCATE_BUFFER): pass its address.
      if (value instanceof Pointer) return pointerAddress(value as Pointer, voidType, what);
    }
    return invalid(what, expected, value);
  };
}

function structArgument(name: string, what: string): ArgumentConverter {
  return (value) =>
    typeof value === 'object' && value !== null && !(value instanceof Pointer)
      ? value
      : invalid(what, `an object with the fields of ${name} (passed by value)`, value);
}

const MAX_ATOM = 0xffff;

function pointerMarshaller(target: AnyType, what: string): Marshaller {
  const text =
    target.kind === 'primitive' && (target.name === 'u16' || target.name === 'i16')
      ? 'utf16'
      : target.kind === 'primitive' && (target.name === 'u8' || target.name === 'i8')
        ? 'utf8'
        : undefined;
  const expected = `a Pointer<${target.name}>, null or a bigint address${
    text === undefined ? '' : ', a string, or a number up to 0xFFFF (an atom or resource id)'
  }`;
  const toNative: ArgumentConverter = (value, temporaries) => {
    if (value instanceof Pointer) return pointerAddress(value as Pointer, target, what);
    if (value === null) return 0;
    if (typeof value === 'bigint' && value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER))
      return Number(value);
    if (text !== undefined) {
      if (typeof value === 'string') {
        const copy =
          text === 'utf16'
            ? toNativeUtf16(value, temporaries.arena())
            : toNativeUtf8(value, temporaries.arena());
        return copy.addr;
      }
      // MAKEINTATOM / MAKEINTRESOURCE: a small integer where a string pointer is declared.
      if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_ATOM)
        return value;
    }
    return invalid(what, expected, value);
  };
  return {
    native: ADDRESS,
    toNative,
    fromNative: (raw) => Pointer.fromAddress(raw as number, target),
    takesStrings: text !== undefined,
  };
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

/** Two definitions of the same C type (a caller's own `FILETIME`) are interchangeable. */
function sameLayout(a: AnyType, b: AnyType): boolean {
  return a.kind === b.kind && a.name === b.name && a.size === b.size;
}
