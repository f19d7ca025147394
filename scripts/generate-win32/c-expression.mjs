// Evaluates the integer constant expressions the Windows headers #define, after the preprocessor
// has expanded them: literals with suffixes, casts to integer, handle and pointer types, and C's
// operators with its integer conversions (Win64: long is 32 bits). Anything else is not a constant.

const TOKEN =
  /\s*(?:(0[xX][0-9a-fA-F]+|\d+)([uUlLiI0-9]*)|([A-Za-z_]\w*)|(<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^~!<>()?:]))/y;

function tokenize(text) {
  const tokens = [];
  TOKEN.lastIndex = 0;
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    TOKEN.lastIndex = index;
    const match = TOKEN.exec(text);
    if (match === null) return undefined;
    index = TOKEN.lastIndex;
    if (match[1] !== undefined) tokens.push({ number: match[1], suffix: match[2].toLowerCase() });
    else if (match[3] !== undefined) tokens.push({ word: match[3] });
    else tokens.push({ op: match[4] });
  }
  return tokens;
}

const wrap = (value, type) =>
  type.signed ? BigInt.asIntN(type.bits, value) : BigInt.asUintN(type.bits, value);
const INT = { bits: 32, signed: true };

function literalType(digits, suffix) {
  const value = BigInt(
    digits.startsWith('0') && digits.length > 1 && !/^0[xX]/.test(digits) ? `0o${digits.slice(1)}` : digits,
  );
  const unsigned = suffix.includes('u');
  const decimal = !/^0/.test(digits) || digits === '0';
  const long64 = suffix.includes('ll') || suffix.includes('i64');
  const candidates = long64
    ? [
        { bits: 64, signed: true },
        { bits: 64, signed: false },
      ]
    : [
        { bits: 32, signed: true },
        { bits: 32, signed: false },
        { bits: 64, signed: true },
        { bits: 64, signed: false },
      ];
  const allowed = candidates.filter(
    (type) => (unsigned ? !type.signed : true) && (decimal && !unsigned ? type.signed : true),
  );
  const type = allowed.find((candidate) => wrap(value, candidate) === value) ?? allowed.at(-1);
  return { value, type };
}

function common(a, b) {
  const bits = Math.max(a.bits, b.bits, 32);
  const signedA = a.bits < 32 ? true : a.signed;
  const signedB = b.bits < 32 ? true : b.signed;
  if (a.bits === b.bits) return { bits, signed: signedA && signedB };
  const wider = a.bits > b.bits ? { ...a, signed: signedA } : { ...b, signed: signedB };
  return { bits, signed: wider.signed };
}

/**
 * @param castType (words) → { bits, signed, handle?, pointer?, hresult? } or undefined (not a type)
 * @returns { value: bigint, type } or undefined
 */
export function evaluate(text, castType) {
  const tokens = tokenize(text);
  if (tokens === undefined || tokens.length === 0) return undefined;
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];
  const expect = (op) => {
    if (next()?.op !== op) throw new Error(`expected ${op}`);
  };

  function primary() {
    const token = next();
    if (token === undefined) throw new Error('end');
    if (token.number !== undefined) return literalType(token.number, token.suffix);
    if (token.op === '(') {
      // a cast: `(TYPE)` or `(TYPE *)` followed by an operand
      const words = [];
      let look = position;
      while (tokens[look] && (tokens[look].word !== undefined || tokens[look].op === '*'))
        words.push(tokens[look++].word ?? '*');
      if (words.length > 0 && tokens[look]?.op === ')') {
        const type = castType(words);
        if (type !== undefined) {
          position = look + 1;
          const operand = unary();
          return { value: wrap(operand.value, type), type };
        }
      }
      const inner = conditional();
      expect(')');
      return inner;
    }
    throw new Error(`unexpected ${JSON.stringify(token)}`);
  }

  function unary() {
    const token = peek();
    if (token?.op === '-' || token?.op === '+' || token?.op === '~' || token?.op === '!') {
      next();
      const operand = unary();
      const type = operand.type.bits < 32 ? INT : operand.type;
      if (token.op === '-') return { value: wrap(-operand.value, type), type };
      if (token.op === '~') return { value: wrap(~operand.value, type), type };
      if (token.op === '!') return { value: operand.value === 0n ? 1n : 0n, type: INT };
      return { value: operand.value, type };
    }
    return primary();
  }

  const LEVELS = [
    ['||'],
    ['&&'],
    ['|'],
    ['^'],
    ['&'],
    ['==', '!='],
    ['<', '>', '<=', '>='],
    ['<<', '>>'],
    ['+', '-'],
    ['*', '/', '%'],
  ];

  function binary(level) {
    if (level === LEVELS.length) return unary();
    let left = binary(level + 1);
    while (peek()?.op !== undefined && LEVELS[level].includes(peek().op)) {
      const op = next().op;
      const right = binary(level + 1);
      left = apply(op, left, right);
    }
    return left;
  }

  function apply(op, left, right) {
    if (op === '<<' || op === '>>') {
      const type = left.type.bits < 32 ? INT : left.type;
      const shift = right.value;
      return { value: wrap(op === '<<' ? left.value << shift : left.value >> shift, type), type };
    }
    const type = common(left.type, right.type);
    const a = wrap(left.value, type);
    const b = wrap(right.value, type);
    const truth = (condition) => ({ value: condition ? 1n : 0n, type: INT });
    switch (op) {
      case '||':
        return truth(a !== 0n || b !== 0n);
      case '&&':
        return truth(a !== 0n && b !== 0n);
      case '|':
        return { value: wrap(a | b, type), type };
      case '^':
        return { value: wrap(a ^ b, type), type };
      case '&':
        return { value: wrap(a & b, type), type };
      case '==':
        return truth(a === b);
      case '!=':
        return truth(a !== b);
      case '<':
        return truth(a < b);
      case '>':
        return truth(a > b);
      case '<=':
        return truth(a <= b);
      case '>=':
        return truth(a >= b);
      case '+':
        return { value: wrap(a + b, type), type };
      case '-':
        return { value: wrap(a - b, type), type };
      case '*':
        return { value: wrap(a * b, type), type };
      case '/':
        if (b === 0n) throw new Error('division by zero');
        return { value: wrap(a / b, type), type };
      case '%':
        if (b === 0n) throw new Error('division by zero');
        return { value: wrap(a % b, type), type };
      default:
        throw new Error(op);
    }
  }

  function conditional() {
    const condition = binary(0);
    if (peek()?.op !== '?') return condition;
    next();
    const yes = conditional();
    expect(':');
    const no = conditional();
    return condition.value !== 0n ? yes : no;
  }

  try {
    const result = conditional();
    return position === tokens.length ? result : undefined;
  } catch {
    return undefined;
  }
}
