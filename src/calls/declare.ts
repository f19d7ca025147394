import { ADDRESS_CALL, adopt, type Deallocator } from '../allocators/adopt.js';
import { describeValue, InvalidSignatureError } from '../errors.js';
import { bindForeignFunction } from '../native/foreign-functions.js';
import type { Pointer } from '../pointer/pointer.js';
import { firstUnknownKey } from '../types/checks.js';
import { usize } from '../types/primitives.js';
import type { AnyType } from '../types/type.js';
import { newCallTemporaries } from './call-temporaries.js';
import { compileCall, type ErrorCapture } from './compile-call.js';
import { type Marshaller, marshallerOf, type ResultConverter } from './marshal.js';
import {
  type OutParameterAdoption,
  outParameterAdoptions,
  type ResolvedParameter,
} from './out-parameters.js';
import { isPlainObject } from './plain-object.js';
import { type ParsedSignature, parseSignature } from './signature.js';
import { checkedUserTypes, type Dialect, resolveType } from './type-names.js';

/** What differs between `library()` and `win32Library()`: names, options, error capture, platform. */
export interface DeclarationRules {
  readonly dialect: Dialect;
  /** The option names `func` accepts besides `types` (a misspelt one is an error). */
  readonly optionNames: ReadonlySet<string>;
  /** How the call reports its error code, from the declaration and its options; undefined for none. */
  errorCapture(parsed: ParsedSignature, options: Readonly<Record<string, unknown>>): ErrorCapture | undefined;
  /** Runs before the library is loaded, on the first call (Win32: refuse other platforms). */
  beforeBind?(what: string): void;
}

/**
 * Where a declared function keeps a function that loads its library and binds its symbol now,
 * without calling it (the Win32 binding test: the DLL exports it, koffi accepts the declaration).
 */
export const BIND_NOW = Symbol('bind now');

/** A declared function as the library sees it; `func` gives it its TypeScript type. */
export type DeclaredFunction = (...args: unknown[]) => unknown;

/**
 * Checks the options of a declaration: a plain object whose keys are `types` and `optionNames`
 * (a misspelt one is an error). `what` names the declaring call in messages: `func`, `callbackType`.
 */
export function checkedOptions(
  options: unknown,
  optionNames: ReadonlySet<string>,
  what: string,
): Readonly<Record<string, unknown>> {
  if (options === undefined) return {};
  if (!isPlainObject(options)) {
    throw new InvalidSignatureError(`${what} options must be an object; got ${describeValue(options)}.`);
  }
  const unknown = firstUnknownKey(options, (key) => key === 'types' || optionNames.has(key));
  if (unknown !== undefined) {
    const known = ['types', ...optionNames].join(', ');
    throw new InvalidSignatureError(
      `${what} has no option ${JSON.stringify(unknown)}; its options are ${known}.`,
    );
  }
  return options;
}

/**
 * The result converter for the `free` option given a deallocator: every pointer result is adopted
 * with it (NULL stays NULL). Without the option, or with out-parameters named, the converter itself.
 */
function adoptingResult(
  fromNative: ResultConverter,
  resultType: AnyType,
  deallocator: unknown,
  name: string,
): ResultConverter {
  if (deallocator === undefined || isPlainObject(deallocator)) return fromNative;
  if (typeof deallocator !== 'function') {
    throw new InvalidSignatureError(
      `${name}'s free option must be a deallocator (a declared function, or a function taking the address) for the result, or { outParameter: deallocator }; got ${describeValue(deallocator)}.`,
    );
  }
  if (resultType.kind !== 'pointer') {
    throw new InvalidSignatureError(
      `${name} returns ${resultType.name}, not a pointer: it has nothing to free.`,
    );
  }
  const free = deallocator as Deallocator;
  return (raw) => adopt(fromNative(raw) as Pointer<AnyType>, free);
}

/**
 * Parses and checks a declaration, gives each parameter its converter, and compiles the call. The
 * library is loaded and the symbol bound on the first call.
 */
export function declareFunction(
  file: string,
  signature: unknown,
  options: unknown,
  rules: DeclarationRules,
): DeclaredFunction {
  const checked = checkedOptions(options, rules.optionNames, 'func');
  const parsed = parseSignature(signature, rules.dialect.ignoredWords);
  const userTypes: ReadonlyMap<string, AnyType> = checkedUserTypes(checked.types);
  const name = parsed.name;
  const resultWhat = `${name}'s result`;
  const resultType = resolveType(parsed.result, userTypes, rules.dialect, resultWhat);
  const result = marshallerOf(resultType, resultWhat);
  const resolvedParameters: ResolvedParameter[] = [];
  const parameters: Marshaller[] = parsed.parameters.map((parameter, index) => {
    const what = `${name} argument ${index + 1}${parameter.name === undefined ? '' : ` (${parameter.name})`}`;
    const resolved = resolveType(parameter.type, userTypes, rules.dialect, what);
    if (resolved.type.kind === 'void') throw new InvalidSignatureError(`${what} cannot be void.`);
    resolvedParameters.push({ name: parameter.name, type: resolved.type });
    return marshallerOf(resolved, what);
  });
  const outParameters: OutParameterAdoption[] = isPlainObject(checked.free)
    ? outParameterAdoptions(name, resolvedParameters, checked.free)
    : [];
  const beforeBind = rules.beforeBind;
  const bind = () => {
    beforeBind?.(`${name} (${file})`);
    return bindForeignFunction(
      file,
      name,
      result.native,
      parameters.map((parameter) => parameter.native),
    );
  };
  const errorCapture = rules.errorCapture(parsed, checked);
  const call = compileCall({
    name,
    converters: parameters.map((parameter) => parameter.toNative),
    result: adoptingResult(result.fromNative, resultType.type, checked.free, name),
    bind,
    temporaries: parameters.some((parameter) => parameter.takesCopies) ? newCallTemporaries() : undefined,
    errorCapture,
    outParameters,
  });
  Object.defineProperty(call, BIND_NOW, { value: bind });
  // A deallocator (`void free(void *p)`): adopted memory is freed with the address as it is.
  if (
    parameters.length === 1 &&
    parameters[0]!.native === usize &&
    errorCapture === undefined &&
    outParameters.length === 0
  ) {
    let bound: ((address: number) => unknown) | undefined;
    const addressCall = (address: number) => {
      if (bound === undefined) bound = bind() as (address: number) => unknown;
      return bound(address);
    };
    Object.defineProperty(call, ADDRESS_CALL, { value: addressCall });
  }
  return call;
}
