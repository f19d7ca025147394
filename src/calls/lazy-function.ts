import { ADDRESS_CALL } from '../allocators/adopt.js';
import { BIND_NOW } from './declare.js';

type AnyFunction = (...args: never[]) => unknown;

/**
 * A function that is declared on its first call (`declare` parses, checks and compiles it), for
 * APIs that define thousands of functions, most never called (the generated Win32 API). It passes
 * its `arity` arguments on as they are, with no `arguments` object or rest array on the way, so
 * V8 inlines the hop (a `Reflect.apply` of `arguments` cost 5–15% of a `clock_gettime` call);
 * another argument count goes through as given, for the declared function to report.
 */
export function lazyFunction(name: string, arity: number, declare: () => AnyFunction): AnyFunction {
  let declared: AnyFunction | undefined;
  const target = () => {
    declared ??= declare();
    return declared;
  };
  const stub = stubFactory(arity)(target);
  Object.defineProperty(stub, 'name', { value: name });
  // What adopt() frees through (a deallocator's address call), and what binding tests bind.
  Object.defineProperty(stub, ADDRESS_CALL, {
    get: () => (target() as unknown as Record<symbol, unknown>)[ADDRESS_CALL],
  });
  Object.defineProperty(stub, BIND_NOW, {
    get: () => (target() as unknown as Record<symbol, unknown>)[BIND_NOW],
  });
  return stub;
}

type StubFactory = (target: () => AnyFunction) => AnyFunction;

const factories: StubFactory[] = [];

/** One compiled factory per arity: `function (a0, a1) { return target()(a0, a1); }`. */
function stubFactory(arity: number): StubFactory {
  let factory = factories[arity];
  if (factory === undefined) {
    const names = Array.from({ length: arity }, (_, index) => `a${index}`).join(', ');
    factory = new Function(
      'target',
      `'use strict';
      return function (${names}) {
        return arguments.length === ${arity}
          ? target()(${names})
          : Reflect.apply(target(), undefined, arguments);
      };`,
    ) as StubFactory;
    factories[arity] = factory;
  }
  return factory;
}
