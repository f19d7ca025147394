/**
 * The TypeScript side of the `free` option of `func` for out-parameters: which parameters of a
 * declaration are `T **` (and so may be named), what its result is (what `when` receives), and the
 * problem a wrong name makes of the declared function's type. Over the same grammar as
 * `signature-types.ts`.
 * @module
 */
import type { AnyType, FunctionType, PointerType } from '../types/type.js';
import type {
  CNames,
  DeclaratorOf,
  NamesOf,
  OneSpace,
  Resolve,
  ResultOf,
  ResultPart,
  SignatureProblem,
  SplitParameters,
  Trim,
} from './signature-types.js';

/** The name of parameter `S` if it is a `T **` (a pointer to a pointer to memory), else never. */
type OutParameterName<S extends string, Names, Ignored extends string> = DeclaratorOf<
  S,
  Ignored
> extends infer D
  ? D extends { name: infer N extends string }
    ? Resolve<D, Names> extends PointerType<PointerType<infer T>>
      ? [T] extends [FunctionType]
        ? never
        : N
      : never
    : never
  : never;

type OutParameterNamesOf<List extends string[], Names, Ignored extends string> = List extends [
  infer H extends string,
  ...infer T extends string[],
]
  ? OutParameterName<H, Names, Ignored> | OutParameterNamesOf<T, Names, Ignored>
  : never;

/**
 * The names of the `T **` parameters of the declaration `S` (with the options `O`): the
 * out-parameters the `free` option may name. `string` for a declaration TypeScript cannot see.
 * @example `type Out = OutParameterNames<'int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res)', { types: { addrinfo: typeof addrinfo } }>; // 'res'`
 */
export type OutParameterNames<
  S extends string,
  O,
  Builtin = CNames,
  Ignored extends string = never,
> = string extends S
  ? string
  : OneSpace<Trim<S>> extends `${string}(${infer List})${string}`
    ? OutParameterNamesOf<SplitParameters<List>, NamesOf<O, Builtin>, Ignored>
    : never;

/**
 * What the declaration `S` returns before any wrapping (`errno`, `Win32Result`): what the `when`
 * of an out-parameter's `free` option receives.
 * @example `type R = PlainResultOf<'int f(char **out)', {}>; // number`
 */
export type PlainResultOf<
  S extends string,
  O,
  Builtin = CNames,
  Ignored extends string = never,
> = string extends S
  ? unknown
  : OneSpace<Trim<S>> extends `${infer Head}(${string}`
    ? ResultPart<Head, NamesOf<O, Builtin>, Ignored> extends {
        type: infer T extends AnyType;
        base: infer B extends string;
        stars: infer Stars;
      }
      ? ResultOf<T, Stars extends [] ? B : ''>
      : unknown
    : unknown;

/**
 * The first problem with the `free` option of `O` for the declaration `S`, or never: a key that is
 * not a `T **` parameter, or a `when` whose parameter does not take the result.
 */
export type FreeProblem<S extends string, O, Builtin, Ignored extends string> = O extends {
  readonly free: infer F;
}
  ? F extends (...args: never[]) => unknown
    ? never
    : {
        [K in keyof F]-?: K extends OutParameterNames<S, O, Builtin, Ignored>
          ? WhenProblem<F[K], PlainResultOf<S, O, Builtin, Ignored>, K & string>
          : SignatureProblem<`the free option names ${K & string}, which is not a T ** parameter of this declaration`>;
      }[keyof F]
  : never;

type WhenProblem<E, R, K extends string> = E extends { when(result: infer A): unknown }
  ? [R] extends [A]
    ? never
    : SignatureProblem<`the when of ${K} must take the function's result`>
  : never;

/**
 * The shape the `free` option of a declaration `S` gives its `when` functions: their parameter is
 * the declared result, so `(hr) => hr >= 0` needs no annotation. Intersected with the options
 * parameter of `func` for that contextual type only; the checks are `FunctionOf`'s.
 * @example `type Context = FreeOptionContext<'int f(char **out)', {}>; // when: (result: number) => boolean`
 */
export type FreeOptionContext<S extends string, O, Builtin = CNames, Ignored extends string = never> = {
  readonly free?:
    | ((address: bigint) => unknown)
    | { readonly [parameter: string]: OutParameterFreeOf<PlainResultOf<S, O, Builtin, Ignored>> };
};

/** A deallocator, or `{ deallocator, when }` whose `when` takes the result `R`. */
type OutParameterFreeOf<R> =
  | ((address: bigint) => unknown)
  | { readonly deallocator: (address: bigint) => unknown; when?(result: R): boolean };
