import { describeValue, InvalidSignatureError } from '../errors.js';

/** A type as written in a signature: a base name (`DWORD`, `unsigned int`) and its `*` count. */
export interface WrittenType {
  readonly base: string;
  readonly stars: number;
}

/** A parsed C-like declaration: `BOOL WINAPI GetProcessTimes(HANDLE hProcess, LPFILETIME, …);` */
export interface ParsedSignature {
  readonly name: string;
  readonly result: WrittenType;
  readonly parameters: readonly { readonly name: string | undefined; readonly type: WrittenType }[];
}

// Words that change nothing on Win64: qualifiers, calling conventions, SAL annotations.
const IGNORED = new Set([
  'const',
  'CONST',
  'volatile',
  'struct',
  'WINAPI',
  'APIENTRY',
  'CALLBACK',
  'WINUSERAPI',
  'WINBASEAPI',
  'NTAPI',
  'STDAPI',
  '__stdcall',
  '__cdecl',
  '_In_',
  '_Out_',
  '_Inout_',
  '_In_opt_',
  '_Out_opt_',
  '_Inout_opt_',
]);

// Words that combine into one C type name: `unsigned long long`.
const C_TYPE_WORDS = new Set([
  'unsigned',
  'signed',
  'char',
  'short',
  'int',
  'long',
  'float',
  'double',
  'void',
]);

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

/** Splits `unsigned int * name` into its type and optional name. */
function parseDeclarator(signature: string, tokens: readonly string[], where: string) {
  const words = tokens.filter((token) => !IGNORED.has(token));
  const firstStar = words.indexOf('*');
  const typeWords = firstStar === -1 ? [...words] : words.slice(0, firstStar);
  const stars = words.filter((word) => word === '*').length;
  let name: string | undefined;
  const last = words.at(-1);
  if (
    last !== undefined &&
    last !== '*' &&
    !C_TYPE_WORDS.has(last) &&
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
  if (typeWords.length > 1 && !typeWords.every((word) => C_TYPE_WORDS.has(word))) {
    fail(signature, `${where} has a type of several words, ${JSON.stringify(typeWords.join(' '))}`);
  }
  return { type: { base: typeWords.join(' '), stars }, name };
}

/**
 * Parses `RESULT [CALLCONV] Name(TYPE [name], …)`. Types are names and `*`s; qualifiers such as
 * `const`, `WINAPI` and SAL annotations (`_In_`) are accepted and ignored.
 */
export function parseSignature(signature: unknown): ParsedSignature {
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
  const head = tokens.slice(0, open).filter((token) => !IGNORED.has(token));
  const name = head.pop();
  if (name === undefined || !/^[A-Za-z_]/.test(name) || C_TYPE_WORDS.has(name)) {
    fail(signature, 'no function name before (');
  }
  const result = parseDeclarator(signature, head, 'the result');
  if (result.name !== undefined) fail(signature, `unexpected ${JSON.stringify(result.name)} before ${name}`);
  const inner = tokens.slice(open + 1, close);
  if (inner.includes('(') || inner.includes(')')) fail(signature, 'function pointer types are not supported');
  return { name, result: result.type, parameters: parseParameters(signature, inner) };
}

function parseParameters(signature: string, tokens: readonly string[]) {
  if (tokens.length === 0 || (tokens.length === 1 && tokens[0] === 'void')) return [];
  const parameters: { name: string | undefined; type: WrittenType }[] = [];
  let start = 0;
  for (let index = 0; index <= tokens.length; index++) {
    if (index < tokens.length && tokens[index] !== ',') continue;
    const declarator = tokens.slice(start, index);
    const where = `parameter ${parameters.length + 1}`;
    if (declarator.includes('...')) fail(signature, 'variadic functions are not supported');
    if (declarator.length === 0) fail(signature, `${where} is empty`);
    parameters.push(parseDeclarator(signature, declarator, where));
    start = index + 1;
  }
  return parameters;
}
