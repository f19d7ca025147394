import { describeValue, InvalidArgumentError, InvalidSignatureError } from '../errors.js';
import { FunctionType } from '../types/type.js';
import { callbackInvoker, setInvoker } from './callback-invoker.js';
import { type Callback, registerOwned } from './callback-registry.js';
import { checkedOptions } from './declare.js';
import { marshallerOf } from './marshal.js';
import { parseSignature } from './signature.js';
import { checkedUserTypes, type Dialect, resolveType } from './type-names.js';

/** Callback types take `types` and nothing else. */
const NO_OTHER_OPTIONS: ReadonlySet<string> = new Set();

/**
 * Declares a callback type from a C declaration, in a dialect (C's for `callbackType`, Win32's
 * for `win32CallbackType`): parameters are converted from native values into what the JavaScript
 * function receives, and its result back into the declared C type.
 */
export function defineCallbackType(declaration: unknown, options: unknown, dialect: Dialect): FunctionType {
  const { types } = checkedOptions(options, NO_OTHER_OPTIONS, 'callbackType');
  const parsed = parseSignature(declaration, dialect.ignoredWords);
  const userTypes = checkedUserTypes(types);
  const name = parsed.name;
  const resultWhat = `the result of callback ${name}`;
  const resultType = resolveType(parsed.result, userTypes, dialect, resultWhat);
  // A result outlives any copy made for it: pointer results take pointers only, const or not.
  const result = {
    type: resultType.type,
    marshaller: marshallerOf({ ...resultType, constTarget: undefined }, resultWhat),
  };
  const parameters = parsed.parameters.map((parameter, index) => {
    const what = `callback ${name} parameter ${index + 1}${parameter.name === undefined ? '' : ` (${parameter.name})`}`;
    const resolved = resolveType(parameter.type, userTypes, dialect, what);
    if (resolved.type.kind === 'void') throw new InvalidSignatureError(`${what} cannot be void.`);
    return { type: resolved.type, marshaller: marshallerOf(resolved, what) };
  });
  const invoker = callbackInvoker(name, parameters, result);
  const type: FunctionType = new FunctionType(
    name,
    declaration as string,
    {
      result: result.marshaller.native,
      parameters: parameters.map((parameter) => parameter.marshaller.native),
    },
    { registerOwned: (fn, arena) => registerOwned(type, invoker, checkedCallbackFunction(fn, type), arena) },
  );
  setInvoker(type, invoker);
  return type;
}

function checkedCallbackFunction(fn: unknown, type: FunctionType): (...args: unknown[]) => unknown {
  if (typeof fn !== 'function') {
    throw new InvalidArgumentError(
      `a callback of type ${type.name} needs a function; got ${describeValue(fn)}.`,
    );
  }
  return fn as (...args: unknown[]) => unknown;
}

/** `registerCallback` for any dialect's callback type: one that lives until `free(cb)`. */
export function registerFreeable(type: unknown, fn: unknown): Callback {
  if (!(type instanceof FunctionType)) {
    throw new InvalidArgumentError(
      `registerCallback needs a callback type (from callbackType()); got ${describeValue(type)}.`,
    );
  }
  return type.binding.registerOwned(fn, undefined) as Callback;
}
