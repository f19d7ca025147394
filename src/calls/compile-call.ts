import { InvalidArgumentError, UseAfterFreeError } from '../errors.js';
import { type ForeignFunction, isStaleTransientCallback } from '../native/foreign-functions.js';
import type { CallTemporaries } from './call-temporaries.js';
import type { ArgumentConverter, ResultConverter } from './marshal.js';
import type { OutParameterAdoption } from './out-parameters.js';
import { callState, throwCallbackError } from './pending-errors.js';

/** What a native call threw, as the caller should see it: koffi's own errors made typed. */
function nativeCallError(error: unknown, name: string): unknown {
  if (!isStaleTransientCallback(error)) return error;
  return new UseAfterFreeError(
    `during ${name}, native code called a transient callback (a function passed for one call) after that call had returned: the library kept it. Pass a registered callback instead (registerCallback, arena.callback), which lives until it is freed.`,
  );
}

/** Reads an error code right after the native call (`errno`, `GetLastError`) and shapes the result. */
export interface ErrorCapture {
  /** Called right before the native call, after the arguments are converted (clears `errno`). */
  prepare?(): void;
  /** Called right after the native call, before anything else can call native code. */
  capture(): number;
  /** What the caller gets: `{ value, errno }`, `Win32Result`, … */
  wrap(value: unknown, code: number): unknown;
}

/**
 * Where stack frames of compiled calls say they are: in this module, so that the leak tracker's
 * allocation sites (which leave out ffi-arena's own files) skip them and name the caller of the
 * declared function, as for every other allocation.
 */
const COMPILED_CALLS_URL = `${import.meta.url}#compiled-call`;

/** Everything a declared function does, fixed when it is declared. */
export interface CallPlan {
  readonly name: string;
  readonly converters: readonly ArgumentConverter[];
  readonly result: ResultConverter;
  /** Loads the library and binds the symbol; called once, on the first call. */
  readonly bind: () => ForeignFunction;
  /** The holder of the function's per-call copies, or undefined when no parameter takes a copied value. */
  readonly temporaries: CallTemporaries | undefined;
  readonly errorCapture: ErrorCapture | undefined;
  /** Out-parameters whose blocks are adopted after the call (the `free` option); often none. */
  readonly outParameters: readonly OutParameterAdoption[];
}

/**
 * Compiles a declared function into one JavaScript function with a fixed parameter list: one
 * converter call per argument held in a local, no arrays and no spread, so V8 can inline the
 * converters and the call. Arguments are checked before the library is bound, so a bad argument is
 * reported the same way whether or not the library can be loaded here.
 */
export function compileCall(plan: CallPlan): (...args: unknown[]) => unknown {
  const arity = plan.converters.length;
  const parameters = Array.from({ length: arity }, (_, index) => `a${index}`);
  const converted = parameters.map((_, index) => `const n${index} = c${index}(a${index}, t);`);
  const nativeArguments = parameters.map((_, index) => `n${index}`).join(', ');
  // The error code is read first: converting a pointer result may map a memory view (native code).
  const readCode = plan.errorCapture === undefined ? [] : ['const code = E();'];
  const result = plan.errorCapture === undefined ? 'R(raw)' : 'W(R(raw), code)';
  const outs = plan.outParameters;
  // Out-parameters are cleared before the call and their blocks adopted after it, before a
  // callback's pending error is thrown: a block the callee handed over is owned either way.
  const finish =
    outs.length === 0
      ? ['if (S.hasError) X();', ...readCode, `return ${result};`]
      : [
          ...readCode,
          'const value = R(raw);',
          ...outs.map((out, k) => `O[${k}].adopt(a${out.index}, n${out.index}, value);`),
          'if (S.hasError) X();',
          `return ${result.replace('R(raw)', 'value')};`,
        ];
  // depth says a declared call is in progress, so a callback's error waits for it (pending-errors.ts).
  const call = [
    ...converted,
    'const fn = f === undefined ? bindOnce() : f;',
    ...outs.map((out, k) => `O[${k}].clear(a${out.index}, n${out.index});`),
    ...(plan.errorCapture?.prepare === undefined ? [] : ['P();']),
    'S.depth++;',
    'let raw;',
    `try { raw = fn(${nativeArguments}); } catch (error) { throw N(error); } finally { S.depth--; }`,
    ...finish,
  ];
  // Copies are made only when an argument needs one; the holder is shared, so nothing is allocated
  // for calls that pass pointers (see call-temporaries.ts).
  const body = plan.temporaries
    ? ['const t = T;', 'const outer = t.enter();', 'try {', ...call, '} finally { t.leave(outer); }']
    : ['const t = undefined;', ...call];
  const source = `
    let f;
    function bindOnce() { f = B(); return f; }
    return function (${parameters.join(', ')}) {
      if (arguments.length !== ${arity}) A(arguments.length);
      ${body.join('\n      ')}
    };
    //# sourceURL=${COMPILED_CALLS_URL}`;
  const converterNames = plan.converters.map((_, index) => `c${index}`);
  const factory = new Function(
    ...converterNames,
    'R',
    'B',
    'A',
    'T',
    'E',
    'W',
    'S',
    'X',
    'O',
    'N',
    'P',
    source,
  );
  const arityError = (count: number): never => {
    throw new InvalidArgumentError(
      `${plan.name} takes ${arity} argument${arity === 1 ? '' : 's'}; got ${count}.`,
    );
  };
  const capture = plan.errorCapture;
  const compiled = factory(
    ...plan.converters,
    plan.result,
    plan.bind,
    arityError,
    plan.temporaries,
    capture === undefined ? undefined : () => capture.capture(),
    capture === undefined ? undefined : (value: unknown, code: number) => capture.wrap(value, code),
    callState,
    throwCallbackError,
    plan.outParameters,
    (error: unknown) => nativeCallError(error, plan.name),
    capture?.prepare === undefined ? undefined : () => capture.prepare?.(),
  ) as (...args: unknown[]) => unknown;
  Object.defineProperty(compiled, 'name', { value: plan.name });
  return compiled;
}
