import type { Arena } from '../arena/arena.js';
import { InvalidValueError } from '../errors.js';
import { Lifetime } from '../pointer/lifetime.js';
import { createPointer, nullPointer } from '../pointer/pointer.js';
import type { AnyType } from '../types/type.js';
import type { Marshaller, Temporaries } from './marshal.js';
import { stashCallbackError } from './pending-errors.js';

/** Turns what koffi passes a callback into what the JavaScript function gets. */
type ParameterConverter = (raw: unknown, lifetime: Lifetime) => unknown;

/**
 * The compiled way into one callback type. `wrap` makes a function koffi can call: it runs
 * `target()` the way native code called it — arguments converted (pointers get a lifetime that ends
 * when the callback returns), the result converted back — and turns any exception, the function's
 * own or a result out of its C type's range, into the result's zero for C and a pending error for
 * the JavaScript caller of the native function. `target()` null means the callback was released:
 * C gets zero, and `stale()` is the error.
 */
export interface CallbackInvoker {
  /** A function koffi can call (a transient callback, or a registered slot's dispatcher). */
  readonly wrap: (
    target: () => ((...args: unknown[]) => unknown) | null,
    stale: () => unknown,
  ) => (...raw: never[]) => unknown;
  /** What C receives when the callback cannot answer: the result type's zero. */
  readonly zero: unknown;
}

// A callback's result cannot be a copy (a string, a struct, bytes): it would be freed as soon as
// the callback returns.
const NO_TEMPORARIES: Temporaries = {
  arena(): Arena {
    throw new InvalidValueError(
      'a callback cannot return a string, an object or bytes: the copy would not outlive the callback.',
    );
  },
};

/** How a callback parameter of `type` arrives: pointers as `Pointer`s valid while the callback runs. */
function parameterConverter(type: AnyType, marshaller: Marshaller): ParameterConverter {
  if (type.kind !== 'pointer') {
    const fromNative = marshaller.fromNative;
    return (raw) => fromNative(raw);
  }
  const target = type.target;
  return (raw, lifetime) =>
    raw === 0 || raw === null
      ? nullPointer(target)
      : createPointer(target, Number(raw), target.size, lifetime);
}

/** Zero of a result type, as C receives it when the callback failed. */
function zeroOf(type: AnyType): unknown {
  if (type.kind === 'void') return undefined;
  if (type.kind === 'primitive') return type.name === 'bool' ? false : 0;
  if (type.kind === 'pointer') return 0;
  return {}; // a struct by value: every field zero
}

type CallbackPart = { readonly type: AnyType; readonly marshaller: Marshaller };

/**
 * The invoker of a callback type with `parameters` and `result`, compiled when the first callback
 * of the type is made: the generated Win32 API defines callback types most programs never use.
 */
export function callbackInvoker(
  name: string,
  parameters: readonly CallbackPart[],
  result: CallbackPart,
): CallbackInvoker {
  const zero = zeroOf(result.type);
  let compiled: CallbackInvoker['wrap'] | undefined;
  return {
    wrap: (target, stale) => {
      compiled ??= compileWrap(name, parameters, result, zero);
      return compiled(target, stale);
    },
    zero,
  };
}

/**
 * One function with a fixed parameter list, no rest arrays, so a comparator called a million times
 * by `qsort` stays cheap.
 */
function compileWrap(
  name: string,
  parameters: readonly CallbackPart[],
  result: CallbackPart,
  zero: unknown,
): CallbackInvoker['wrap'] {
  const arity = parameters.length;
  const names = Array.from({ length: arity }, (_, index) => `a${index}`);
  const converted = names.map((name, index) => `c${index}(${name}, lt)`).join(', ');
  const source = `
    return function wrap(target, stale) {
      return function (${names.join(', ')}) {
        const fn = target();
        if (fn === null) {
          S(stale());
          return Z;
        }
        const lt = new L(null, 0);
        lt.detail = D;
        try {
          return R(fn(${converted}), T);
        } catch (error) {
          S(error);
          return Z;
        } finally {
          lt.live = false;
        }
      };
    };`;
  const converters = parameters.map((parameter) => parameterConverter(parameter.type, parameter.marshaller));
  const factory = new Function(...names.map((_, index) => `c${index}`), 'R', 'T', 'S', 'Z', 'L', 'D', source);
  return factory(
    ...converters,
    result.marshaller.toNative,
    NO_TEMPORARIES,
    stashCallbackError,
    zero,
    Lifetime,
    `it was an argument of callback ${name}, valid only while the callback ran`,
  ) as CallbackInvoker['wrap'];
}

const invokers = new WeakMap<AnyType, CallbackInvoker>();

/** Remembers the invoker of a callback type declared by this layer. */
export function setInvoker(type: AnyType, invoker: CallbackInvoker): void {
  invokers.set(type, invoker);
}

/** The invoker of a callback type, or undefined for a type this layer did not declare. */
export function invokerOf(type: AnyType): CallbackInvoker | undefined {
  return invokers.get(type);
}
