import { InvalidArgumentError } from '../errors.js';
import type { ForeignFunction } from '../native/foreign-functions.js';
import type { ArgumentConverter, ResultConverter, Temporaries } from './marshal.js';
import { callState, throwCallbackError } from './pending-errors.js';

/** Reads an error code right after the native call (`errno`, `GetLastError`) and shapes the result. */
export interface ErrorCapture {
  /** Called right after the native call, before anything else can call native code. */
  capture(): number;
  /** What the caller gets: `{ value, errno }`, `Win32Result`, … */
  wrap(value: unknown, code: number): unknown;
}

/** Everything a declared function does, fixed when it is declared. */
export interface CallPlan {
  readonly name: string;
  readonly converters: readonly ArgumentConverter[];
  readonly result: ResultConverter;
  /** Loads the library and binds the symbol; called once, on the first call. */
  readonly bind: () => ForeignFunction;
  /** A fresh holder for the call's string copies, or undefined when no parameter takes strings. */
  readonly temporaries: (() => Temporaries & { release(): void }) | undefined;
  readonly errorCapture: ErrorCapture | undefined;
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
  const finish =
    plan.errorCapture === undefined ? ['return R(raw);'] : ['const code = E();', 'return W(R(raw), code);'];
  // depth says a declared call is in progress, so a callback's error waits for it (pending-errors.ts).
  const call = [
    ...converted,
    'const fn = f === undefined ? bindOnce() : f;',
    'S.depth++;',
    'let raw;',
    `try { raw = fn(${nativeArguments}); } finally { S.depth--; }`,
    'if (S.hasError) X();',
    ...finish,
  ];
  const body = plan.temporaries
    ? ['const t = T();', 'try {', ...call, '} finally { t.release(); }']
    : ['const t = undefined;', ...call];
  const source = `
    let f;
    function bindOnce() { f = B(); return f; }
    return function (${parameters.join(', ')}) {
      if (arguments.length !== ${arity}) A(arguments.length);
      ${body.join('\n      ')}
    };`;
  const converterNames = plan.converters.map((_, index) => `c${index}`);
  const factory = new Function(...converterNames, 'R', 'B', 'A', 'T', 'E', 'W', 'S', 'X', source);
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
  ) as (...args: unknown[]) => unknown;
  Object.defineProperty(compiled, 'name', { value: plan.name });
  return compiled;
}
