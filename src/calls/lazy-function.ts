import { ADDRESS_CALL } from '../allocators/adopt.js';
import { BIND_NOW } from './declare.js';

type AnyFunction = (...args: never[]) => unknown;

/**
 * A function that is declared on its first call (`declare` parses, checks and compiles it), for
 * APIs that define thousands of functions, most never called (the generated Win32 API). The hop
 * forwards `arguments` as they are: `npm run bench` measures it against the declared function.
 */
export function lazyFunction(name: string, declare: () => AnyFunction): AnyFunction {
  let declared: AnyFunction | undefined;
  const target = () => {
    declared ??= declare();
    return declared;
  };
  const stub = function (this: unknown) {
    // biome-ignore lint/complexity/noArguments: forwards any arity without a rest array
    return Reflect.apply(declared ?? target(), undefined, arguments);
  };
  Object.defineProperty(stub, 'name', { value: name });
  // What adopt() frees through (a deallocator's address call), and what binding tests bind.
  Object.defineProperty(stub, ADDRESS_CALL, {
    get: () => (target() as unknown as Record<symbol, unknown>)[ADDRESS_CALL],
  });
  Object.defineProperty(stub, BIND_NOW, {
    get: () => (target() as unknown as Record<symbol, unknown>)[BIND_NOW],
  });
  return stub as AnyFunction;
}
