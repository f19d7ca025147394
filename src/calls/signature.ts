import { describeValue, InvalidSignatureError } from '../errors.js';
import { C_TYPE_WORDS, canonicalCTypeWords } from '../types/c-types.js';

/** A type as written in a signature: a base name (`DWORD`, `unsigned int`) and its `*` count. */
export interface WrittenType {
  readonly base: string;
  readonly stars: number;
  /** What the last `*` points to is `const` (`const T *`, `T const *`; not `T * const`). */
  readonly constTarget: boolean;
}

/** A parsed C declaration: `int clock_gettime(clockid_t clk, struct timespec *tp);` */
export interface ParsedSignature {
  readonly name: string;
  readonly result: WrittenType;
  readonly parameters: readonly { readonly name: string | undefined; readonly type: WrittenType }[];
}

/**
 * Words that change nothing about how a value crosses the call: qualifiers, storage, calling
 * conventions. `const` is read once, before they are dropped: a `const T *` may take a value.
 */
export const C_IGNORED_WORDS = [
  'const',
  'volatile',
  'restrict',
  '__restrict',
  '__restrict__',
  'extern',
  'struct', // `struct timespec` names the type `timespec`
  'union',
  '__stdcall',
  '__cdecl',
] as const;
const C_IGNORED: ReadonlySet<string> = new Set(C_IGNORED_WORDS);

const TYPE_WORDS: ReadonlySet<string> = new Set(C_TYPE_WORDS);

/** The words a dialect adds to the ignored ones (Win32: `WINAPI`, `_In_`, …). */
export type IgnoredWords = ReadonlySet<string>;

const TOKEN = /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(\.\.\.)|([*(),;])|(\S))/y;

function tokenize(signature: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < signature.length) {
    const match = TOKEN.exec(signature);
    if (match === null) break; // only trailing white space is left
    const stray = match[4];
    if (stray !== undefined) fail(signature, `unexpected ${JSON.stringify(stray)}`);
    tokens.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return tokens;
}

function fail(signature: string, problem: string): never {
  throw new InvalidSignatureError(`cannot parse the signature ${JSON.stringify(signature)}: ${problem}.`);
}

/**
 * Whether what the last `*` points to is `const`: a `const` between the star before it (or the
 * start) and it. A dialect's own spelling (`CONST`) counts where the dialect skips it.
 */
function pointsToConst(tokens: readonly string[], ignored: IgnoredWords): boolean {
  let constSinceStar = false;
  let constTarget = false;
  for (const token of tokens) {
    if (token === '*') {
      constTarget = constSinceStar;
      constSinceStar = false;
    } else if (token === 'const' || (token === 'CONST' && ignored.has(token))) {
      constSinceStar = true;
    }
  }
  return constTarget;
}

/** Splits `unsigned int * name` into its type and optional name. */
function parseDeclarator(signature: string, tokens: readonly string[], where: string, ignored: IgnoredWords) {
  const words = withoutEnumTags(tokens.filter((token) => !C_IGNORED.has(token) && !ignored.has(token)));
  const firstStar = words.indexOf('*');
  const typeWords = firstStar === -1 ? [...words] : words.slice(0, firstStar);
  const stars = words.filter((word) => word === '*').length;
  let name: string | undefined;
  const last = words.at(-1);
  if (
    last !== undefined &&
    last !== '*' &&
    !TYPE_WORDS.has(last) &&
    (firstStar !== -1 || typeWords.length > 1)
  ) {
    name = last;
    if (firstStar === -1) typeWords.pop();
  }
  const afterStars = firstStar === -1 ? [] : words.slice(firstStar).filter((word) => word !== '*');
  if (afterStars.length > (name === undefined ? 0 : 1)) {
    fail(signature, `${where} has words after its '*'`);
  }
  if (typeWords.length === 0) fail(signature, `${where} has no type`);
  if (typeWords.length > 1 && !typeWords.every((word) => TYPE_WORDS.has(word))) {
    fail(signature, `${where} has a type of several words, ${JSON.stringify(typeWords.join(' '))}`);
  }
  const base = canonicalCTypeWords(typeWords).join(' ');
  return { type: { base, stars, constTarget: pointsToConst(tokens, ignored) }, name };
}

/** `enum color c` passes an `int`: C enums are `int`-sized with gcc, clang and MSVC. */
function withoutEnumTags(words: string[]): string[] {
  const tag = words.indexOf('enum');
  if (tag === -1) return words;
  return [...words.slice(0, tag), 'int', ...words.slice(tag + 2)];
}

/**
 * Parses `RESULT [CALLCONV] Name(TYPE [name], …)`. Types are names and `*`s; qualifiers such as
 * `const`, `struct`/`union` tags and the dialect's own words (Win32's `WINAPI` and SAL
 * annotations such as `_In_`) are accepted and ignored.
 */
export function parseSignature(signature: unknown, ignored: IgnoredWords = NO_WORDS): ParsedSignature {
  if (typeof signature !== 'string') {
    throw new InvalidSignatureError(`a signature must be a string; got ${describeValue(signature)}.`);
  }
  const tokens = tokenize(signature);
  const open = tokens.indexOf('(');
  if (open === -1) fail(signature, "no '(' after the function name");
  const close = tokens.lastIndexOf(')');
  if (close < open) fail(signature, "no ')' after the parameters");
  const trailing = tokens.slice(close + 1);
  if (trailing.length > 1 || (trailing.length === 1 && trailing[0] !== ';')) {
    fail(signature, `unexpected ${JSON.stringify(trailing.join(' '))} after ')'`);
  }
  const head = tokens.slice(0, open).filter((token) => !C_IGNORED.has(token) && !ignored.has(token));
  const name = head.pop();
  if (name === undefined || !/^[A-Za-z_]/.test(name) || TYPE_WORDS.has(name)) {
    fail(signature, 'no function name before (');
  }
  const result = parseDeclarator(signature, head, 'the result', ignored);
  if (result.name !== undefined) fail(signature, `unexpected ${JSON.stringify(result.name)} before ${name}`);
  const inner = tokens.slice(open + 1, close);
  if (inner.includes('(') || inner.includes(')')) fail(signature, 'function pointer types are not supported');
  return { name, result: result.type, parameters: parseParameters(signature, inner, ignored) };
}

const NO_WORDS: IgnoredWords = new Set();

function parseParameters(signature: string, tokens: readonly string[], ignored: IgnoredWords) {
  if (tokens.length === 0 || (tokens.length === 1 && tokens[0] === 'void')) return [];
  const parameters: { name: string | undefined; type: WrittenType }[] = [];
  let start = 0;
  for (let index = 0; index <= tokens.length; index++) {
    if (index < tokens.length && tokens[index] !== ',') continue;
    const declarator = tokens.slice(start, index);
    const where = `parameter ${parameters.length + 1}`;
    if (declarator.includes('...')) {
      fail(
        signature,
        'variadic functions are not supported (a call through a fixed declaration is undefined behaviour on some platforms); wrap the function in C with fixed parameters',
      );
    }
    if (declarator.length === 0) fail(signature, `${where} is empty`);
    parameters.push(parseDeclarator(signature, declarator, where, ignored));
    start = index + 1;
  }
  return parameters;
}
