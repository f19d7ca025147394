/**
 * The TypeScript type of a declared function, worked out from its C declaration at compile time:
 * the same grammar `parseSignature` accepts at run time, written as template-literal types.
 * `'int clock_gettime(int clk, struct timespec *tp)'` with `{ types: { timespec } }` becomes
 * `(clk: number, tp: Pointer<typeof timespec> | Pointer<VoidType> | bigint | null) => number`.
 * @module
 */
import type { Pointer } from '../pointer/pointer.js';
import type { StructRef } from '../pointer/values.js';
import type { C_TYPE_WORDS, CanonicalCTypeWords, CTypes } from '../types/c-types.js';
import type {
  AnyType,
  ArrayType,
  FieldTypes,
  FunctionType,
  OpaqueType,
  PointerType,
  PrimitiveKind,
  PrimitiveType,
  StructType,
  VoidType,
} from '../types/type.js';
import type { FreeProblem } from './free-option-types.js';
import type { C_IGNORED_WORDS } from './signature.js';

/** A map of type names to ffi-arena types: the names a declaration may use. */
export type TypeNames = { readonly [name: string]: AnyType };

/** ffi-arena's own primitive names (`u8`, `i32`, …), usable in declarations beside C's. */
type OwnNames = { [K in Exclude<PrimitiveKind, 'bool'>]: PrimitiveType<K> };

/** The names `library().func` knows without being told: C's and ffi-arena's. */
export type CNames = CTypes & OwnNames;

// --- Tokens -------------------------------------------------------------------------------------

type Blank = ' ' | '\n' | '\t' | '\r';
type TrimStart<S extends string> = S extends `${Blank}${infer R}` ? TrimStart<R> : S;
type TrimEnd<S extends string> = S extends `${infer R}${Blank}` ? TrimEnd<R> : S;
/** @internal */
export type Trim<S extends string> = TrimStart<TrimEnd<S>>;
/** @internal */
export type OneSpace<S extends string> = S extends `${infer A}${Exclude<Blank, ' '>}${infer B}`
  ? OneSpace<`${A} ${B}`>
  : S;
type SpacedStars<S extends string> = S extends `${infer A}*${infer B}` ? `${A} * ${SpacedStars<B>}` : S;

/** The words of a declarator, `*`s apart: `const char*s` → `['const', 'char', '*', 's']`. */
type Words<S extends string, Acc extends string[] = []> = TrimStart<S> extends ''
  ? Acc
  : TrimStart<S> extends `${infer W} ${infer Rest}`
    ? Words<Rest, [...Acc, W]>
    : [...Acc, TrimStart<S>];

type CIgnored = (typeof C_IGNORED_WORDS)[number];
type CTypeWord = (typeof C_TYPE_WORDS)[number];

type Kept<W extends string[], Ignored extends string, Acc extends string[] = []> = W extends [
  infer H extends string,
  ...infer T extends string[],
]
  ? H extends 'enum'
    ? T extends [string, ...infer After extends string[]]
      ? Kept<After, Ignored, [...Acc, 'int']>
      : Kept<T, Ignored, [...Acc, 'int']>
    : H extends Ignored
      ? Kept<T, Ignored, Acc>
      : Kept<T, Ignored, [...Acc, H]>
  : Acc;

type Join<W extends string[]> = W extends [infer H extends string]
  ? H
  : W extends [infer H extends string, ...infer T extends string[]]
    ? `${H} ${Join<T>}`
    : '';

type StarsOf<W extends string[], Acc extends 0[] = []> = W extends [infer H, ...infer T extends string[]]
  ? StarsOf<T, H extends '*' ? [...Acc, 0] : Acc>
  : Acc;
type NoStars<W extends string[], Acc extends string[] = []> = W extends [
  infer H extends string,
  ...infer T extends string[],
]
  ? NoStars<T, H extends '*' ? Acc : [...Acc, H]>
  : Acc;

/** `{ base, stars, name }` of one declarator, by the rule `parseDeclarator` follows. */
type Declarator<W extends string[]> = W extends [...infer Front extends string[], infer Last extends string]
  ? Last extends '*' | CTypeWord
    ? { base: Join<CanonicalCTypeWords<NoStars<W>>>; stars: StarsOf<W>; name: undefined }
    : StarsOf<W> extends [0, ...0[]]
      ? { base: Join<CanonicalCTypeWords<NoStars<Front>>>; stars: StarsOf<W>; name: Last }
      : NoStars<Front> extends [string, ...string[]]
        ? { base: Join<CanonicalCTypeWords<NoStars<Front>>>; stars: []; name: Last }
        : { base: Last; stars: []; name: undefined }
  : never;

/** @internal */
export type DeclaratorOf<S extends string, Ignored extends string> = Declarator<
  Kept<Words<SpacedStars<S>>, CIgnored | Ignored>
>;

/**
 * Whether what the last `*` points to is `const` (`const T *`, `T const *`; not `T * const`), by
 * the rule `pointsToConst` follows: a `const` (or Win32's `CONST`) since the star before it.
 */
type ConstTarget<
  W extends string[],
  Since extends boolean = false,
  Result extends boolean = false,
> = W extends [infer H extends string, ...infer T extends string[]]
  ? H extends '*'
    ? ConstTarget<T, false, Since>
    : H extends 'const' | 'CONST'
      ? ConstTarget<T, true, Result>
      : ConstTarget<T, Since, Result>
  : Result;

/** Pointer type names whose pointee is `const`, as the Win32 dialect's `constPointerNames` lists. */
type ConstPointerName = 'LPCVOID';

/** @internal */
export type SplitParameters<S extends string> = S extends `${infer A},${infer B}`
  ? [A, ...SplitParameters<B>]
  : [S];

// --- Values -------------------------------------------------------------------------------------

type PointerTo<T extends AnyType, Stars extends 0[]> = Stars extends [0, ...infer Rest extends 0[]]
  ? PointerType<PointerTo<T, Rest>>
  : T;

type Wide = 'u64' | 'i64' | 'usize' | 'isize';
type Characters = PrimitiveType<'i8' | 'u8' | 'i16' | 'u16'>;
/** The sign-flipped twin C also accepts behind a pointer (`unsigned char *` for `char *`). */
type SignTwin<K extends PrimitiveKind> = K extends `u${infer N}`
  ? `i${N}`
  : K extends `i${infer N}`
    ? `u${N}`
    : K extends 'usize'
      ? 'isize'
      : K extends 'isize'
        ? 'usize'
        : K;

/**
 * What a `const T *` parameter takes besides pointers: a value copied for the call, freed when the
 * call returns. For a struct or union, an object with some of its fields (the others are zero) or a
 * view of one; for `void` and `u8`, the bytes of a `Uint8Array`; nothing for other pointees.
 * @example `const rect: CopiedValue<typeof RECT> = { left: 0, top: 0, right: 10, bottom: 10 };`
 */
export type CopiedValue<T extends AnyType> = [T] extends [VoidType]
  ? Uint8Array
  : [T] extends [PrimitiveType<'u8'>]
    ? Uint8Array
    : [T] extends [StructType<infer F>]
      ? StructValue<F>
      : never;

/**
 * A struct value for a `const S *`, never a `Pointer`: a pointer whose `value` has the type of a
 * field named `value` would otherwise pass for an object with that one field.
 */
type StructValue<F extends FieldTypes> =
  | ({ [K in keyof F]?: FieldArgument<F[K]> } & ('lifetime' extends keyof F
      ? unknown
      : { readonly lifetime?: never }))
  | StructRef<F>;

/** What a `T *` parameter takes. `[T]`: a platform-sized `T` (`long`) is one type, not two. */
type PointerArgument<T extends AnyType, Base extends string, Const extends boolean = false> =
  | ([T] extends [FunctionType<infer J>]
      ? J | Pointer<T> | Pointer<VoidType> // a function: transient, for this call only
      : [T] extends [VoidType]
        ? Pointer<AnyType>
        : [T] extends [PrimitiveType<infer K>]
          ? Pointer<T> | Pointer<PrimitiveType<SignTwin<K>>> | Pointer<VoidType>
          : Pointer<T> | Pointer<VoidType>)
  | bigint
  | null
  | ([T] extends [Characters] ? string : Base extends 'wchar_t' | 'char32_t' ? string : never)
  | (Const extends true ? CopiedValue<T> : never);

/**
 * What a parameter of type `T` (written `Base`) takes; `Const`: a pointer whose pointee is `const`,
 * which also takes a value copied for the call.
 */
export type ArgumentOf<
  T extends AnyType,
  Base extends string = '',
  Const extends boolean = false,
> = T extends PrimitiveType<infer K>
  ? K extends Wide
    ? bigint | number
    : K extends 'bool'
      ? boolean
      : Base extends 'BOOL'
        ? boolean | number
        : number
  : T extends PointerType<infer U>
    ? PointerArgument<U, Base, Const>
    : T extends StructType<infer F>
      ? StructArgument<F>
      : never;

/**
 * A struct passed by value: a live view of one, or an object with some of its fields (the others
 * are zero), each taking what a parameter of its type takes.
 */
export type StructArgument<F extends FieldTypes> = { [K in keyof F]?: FieldArgument<F[K]> } | StructRef<F>;
type FieldArgument<T> =
  T extends ArrayType<infer E, number>
    ? Iterable<FieldArgument<E>>
    : T extends FunctionType
      ? ArgumentOf<PointerType<T>> // a callback type as a field is its pointer, as in C
      : T extends StructType<infer F>
        ? StructArgument<F>
        : T extends AnyType
          ? ArgumentOf<T>
          : never; // a bit-field: structs with bit-fields are not passed by value

/** A struct returned by value: a plain object, read as memory is (64-bit as bigint, pointers as `Pointer`). */
export type PlainStruct<F extends FieldTypes> = { [K in keyof F]: PlainValueOf<F[K]> };
type PlainValueOf<T> =
  T extends ArrayType<infer E, number>
    ? PlainValueOf<E>[]
    : T extends StructType<infer F>
      ? PlainStruct<F>
      : T extends AnyType
        ? ResultOf<T>
        : never;

/** What a result of type `T` (written `Base`) gives. */
export type ResultOf<T extends AnyType, Base extends string = ''> = T extends VoidType
  ? undefined
  : T extends PrimitiveType<infer K>
    ? K extends Wide
      ? bigint
      : K extends 'bool'
        ? boolean
        : Base extends 'BOOL'
          ? boolean
          : number
    : T extends PointerType<infer U>
      ? Pointer<U>
      : T extends StructType<infer F>
        ? PlainStruct<F>
        : never;

// --- Declarations -------------------------------------------------------------------------------

/** A declaration TypeScript could not read: calling it is a compile error that says why. */
export type SignatureProblem<Message extends string> = `ffi-arena: ${Message}`;

/** @internal */
export type Resolve<D, Names> = D extends { base: infer B extends string; stars: infer S extends 0[] }
  ? B extends keyof Names
    ? Names[B] extends infer T extends AnyType
      ? [T] extends [OpaqueType]
        ? S extends [0, ...0[]]
          ? PointerTo<T, S>
          : SignatureProblem<`the opaque type ${B} cannot be passed by value`>
        : [T] extends [FunctionType]
          ? PointerTo<T, S extends [] ? [0] : S> // `CmpFn cmp` is a function pointer, as in C
          : PointerTo<T, S>
      : never
    : SignatureProblem<`unknown type '${B}': pass it as { types: { ${B} } }`>
  : SignatureProblem<'cannot read a parameter'>;

/** `call`: a declared function, whose parameters JavaScript passes; `callback`: one it implements. */
type Direction = 'call' | 'callback';

type Parameter<S extends string, Names, Ignored extends string, Dir extends Direction> = DeclaratorOf<
  S,
  Ignored
> extends infer D
  ? Resolve<D, Names> extends infer T
    ? [T] extends [AnyType] // not distributed: a platform-sized type (`long`) is one parameter
      ? D extends { base: infer B extends string; stars: infer Stars extends 0[] }
        ? Dir extends 'call'
          ? [
              name: ArgumentOf<
                T,
                Stars extends [] ? B : Stars extends [0] ? B : '',
                Stars extends []
                  ? B extends ConstPointerName
                    ? true
                    : false
                  : ConstTarget<Words<SpacedStars<S>>>
              >,
            ]
          : [name: ResultOf<T, Stars extends [] ? B : ''>]
        : never
      : T
    : never
  : never;

type Parameters<
  List extends string[],
  Names,
  Ignored extends string,
  Dir extends Direction,
  Acc extends unknown[] = [],
> = List extends [infer H extends string, ...infer T extends string[]]
  ? Parameter<H, Names, Ignored, Dir> extends infer P
    ? P extends unknown[]
      ? Parameters<T, Names, Ignored, Dir, [...Acc, ...P]>
      : P
    : never
  : Acc;

type ParameterList<S extends string, Names, Ignored extends string, Dir extends Direction> = Trim<S> extends
  | ''
  | 'void'
  ? []
  : S extends `${string}...${string}`
    ? SignatureProblem<'variadic functions are not supported'>
    : Parameters<SplitParameters<S>, Names, Ignored, Dir>;

/** @internal */
export type ResultPart<Head extends string, Names, Ignored extends string> = Kept<
  Words<SpacedStars<Head>>,
  CIgnored | Ignored
> extends [...infer Type extends string[], string]
  ? Resolve<Declarator<Type>, Names> extends infer T
    ? [T] extends [AnyType]
      ? { type: T; base: Join<CanonicalCTypeWords<NoStars<Type>>>; stars: StarsOf<Type> }
      : T
    : never
  : SignatureProblem<'no function name before ('>;

/** The parts of a declaration: `{ parameters, result, resultBase }`, or a `SignatureProblem`. */
type Parts<S extends string, Names, Ignored extends string, Dir extends Direction> = OneSpace<
  Trim<S>
> extends `${infer Head}(${infer List})${infer Tail}`
  ? Trim<Tail> extends '' | ';'
    ? ParameterList<List, Names, Ignored, Dir> extends infer P
      ? P extends unknown[]
        ? ResultPart<Head, Names, Ignored> extends infer R
          ? R extends { type: infer T extends AnyType; base: infer B extends string; stars: infer Stars }
            ? {
                parameters: P;
                result: Dir extends 'call' ? ResultOf<T, Stars extends [] ? B : ''> : CallbackResultOf<T>;
                resultBase: Stars extends [] ? B : '';
              }
            : R
          : never
        : P
      : never
    : SignatureProblem<`unexpected '${Trim<Tail>}' after ')'`>
  : SignatureProblem<"no '(' after the function name">;

/** The options a declaration's type depends on: its own types, and how errors are reported. */
export interface DeclarationOptions {
  readonly types?: TypeNames;
}

/** @internal */
export type NamesOf<O, Builtin> = O extends { types: infer T } ? Omit<Builtin, keyof T> & T : Builtin;

/**
 * The TypeScript function type of a C declaration `S` with the options `O`, over the built-in
 * names `Builtin` (C's, or Win32's) and the dialect's ignored words. `Wrap` shapes the result
 * (`{ value, errno }`, `Win32Result`). A declaration it cannot read gives a `SignatureProblem`.
 * @example `type ClockGettime = FunctionOf<'int clock_gettime(int, struct timespec *)', { types: { timespec: typeof timespec } }>;`
 */
export type FunctionOf<
  S extends string,
  O,
  Builtin = CNames,
  Ignored extends string = never,
  Wrap extends ResultWrapper = PlainResult,
> = string extends S
  ? (...args: unknown[]) => unknown
  : Parts<S, NamesOf<O, Builtin>, Ignored, 'call'> extends infer P
    ? P extends { parameters: infer A extends unknown[]; result: infer R; resultBase: infer B extends string }
      ? [FreeProblem<S, O, Builtin, Ignored>] extends [never]
        ? (...args: A) => Wrapped<Wrap, R, B, O>
        : FreeProblem<S, O, Builtin, Ignored>
      : P
    : never;

/**
 * The JavaScript function that implements the C function type `S` (a callback): it receives what
 * a declared function's result would give (pointers as `Pointer`s, 64-bit integers as bigints) and
 * returns what a declared function's argument takes. A declaration it cannot read gives a
 * `SignatureProblem`.
 * @example `type Cmp = CallbackFunctionOf<'int Cmp(const int *a, const int *b)', {}>; // (a: Pointer<…>, b: Pointer<…>) => number | …`
 */
export type CallbackFunctionOf<
  S extends string,
  O,
  Builtin = CNames,
  Ignored extends string = never,
> = string extends S
  ? (...args: never[]) => unknown
  : Parts<S, NamesOf<O, Builtin>, Ignored, 'callback'> extends infer P
    ? P extends { parameters: infer A extends unknown[]; result: infer R }
      ? (...args: A) => R
      : P
    : never;

/** What a callback returns for a result of type `T`: what an argument of that type takes. */
type CallbackResultOf<T extends AnyType> = T extends VoidType
  ? // biome-ignore lint/suspicious/noConfusingVoidType: a void callback may return anything, as in TypeScript
    void
  : T extends PrimitiveType<'bool'>
    ? boolean
    : ArgumentOf<T>;

/** Shapes a declared function's result from its options: see `FunctionOf`. */
export interface ResultWrapper {
  readonly value: unknown;
  readonly base: string;
  readonly options: unknown;
  readonly wrapped: unknown;
}

/** The result as it is. */
export interface PlainResult extends ResultWrapper {
  readonly wrapped: this['value'];
}

type Wrapped<W extends ResultWrapper, R, B extends string, O> = (W & {
  value: R;
  base: B;
  options: O;
})['wrapped'];
