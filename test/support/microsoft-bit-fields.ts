// Random structs and unions with bit-fields laid out by the Microsoft rules (MSVC, mingw-w64), and
// the C program that is their oracle. The same seed gives the same definitions on Linux (where
// the test compiles the program with mingw into an object file and reads its initialised data) and
// under Wine (where scripts/test-win32.sh builds it into an .exe that prints the bytes it wrote).
import { cInteger } from './c-integers.js';
import { Random, seedFromEnvironment } from './random.js';
import { type Definition, type Member, randomBitFieldDefinitions } from './random-bit-fields.js';

export type { Definition, Member } from './random-bit-fields.js';

export const MICROSOFT_SEED = seedFromEnvironment(20261130);

export const MICROSOFT_DEFINITIONS: readonly Definition[] = randomBitFieldDefinitions(
  new Random(MICROSOFT_SEED),
  400,
  { prefix: 'MS', layout: 'microsoft', maxMembers: 9 },
);

function literal(m: Member): string {
  return cInteger(m.value, m.cName.endsWith('64_t') ? 64 : 32, m.signed);
}

/**
 * The oracle program. `oracle` holds, initialised by the compiler, each definition's sizeof,
 * _Alignof and offset in `oracle`, then each definition with its written members set (the rest
 * zero): its bytes are mingw's layout. `main` sets the same members at run time and prints
 * `name size align byte…` per definition.
 */
export function microsoftOracleSource(definitions: readonly Definition[]): string {
  const typedefs = definitions.map(({ type, kind, members }) => {
    const body = members
      .map((m) =>
        m.width === 0
          ? `${m.cName} : 0;`
          : `${m.cName} ${m.name}${m.width === undefined ? '' : ` : ${m.width}`};`,
      )
      .join(' ');
    return `typedef ${kind} ${type.name} { ${body} } ${type.name};`;
  });
  const meta = definitions.map(
    ({ type }) => `sizeof(${type.name}), _Alignof(${type.name}), offsetof(struct oracle, v_${type.name})`,
  );
  const values = definitions.map(
    ({ type, written }) =>
      `.v_${type.name} = { ${written.map((m) => `.${m.name} = ${literal(m)}`).join(', ')} }`,
  );
  const runtime = definitions.map(({ type, written }) =>
    [
      `  { ${type.name} s; memset(&s, 0, sizeof s);`,
      ...written.map((m) => `    s.${m.name} = ${literal(m)};`),
      `    bytes("${type.name}", sizeof s, _Alignof(${type.name}), &s); }`,
    ].join('\n'),
  );
  return `#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
${typedefs.join('\n')}
struct oracle {
  unsigned long long meta[${3 * definitions.length}];
${definitions.map(({ type }) => `  ${type.name} v_${type.name};`).join('\n')}
};
struct oracle oracle = {
  { ${meta.join(',\n    ')} },
  ${values.join(',\n  ')}
};
static void bytes(const char *name, size_t size, size_t align, const void *p) {
  printf("%s %u %u", name, (unsigned)size, (unsigned)align);
  for (size_t i = 0; i < size; i++) printf(" %u", ((const unsigned char *)p)[i]);
  printf("\\n");
}
int main(void) {
${runtime.join('\n')}
  return 0;
}
`;
}

/** What the oracle says of one definition. */
export interface OracleLayout {
  readonly size: number;
  readonly align: number;
  readonly bytes: readonly number[];
}

/** Parses the `.exe`'s output: one `name size align byte…` line per definition. */
export function parseOracleOutput(output: string): OracleLayout[] {
  return output
    .trim()
    .split('\n')
    .map((line) => {
      const [, size, align, ...bytes] = line.trim().split(' ');
      return { size: Number(size), align: Number(align), bytes: bytes.map(Number) };
    });
}

/** Reads the oracle from the `oracle` object's initialised bytes (`.data` of the object file). */
export function parseOracleData(data: Uint8Array, count: number): OracleLayout[] {
  const words = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return Array.from({ length: count }, (_, index) => {
    const size = Number(words.getBigUint64(index * 24, true));
    const align = Number(words.getBigUint64(index * 24 + 8, true));
    const offset = Number(words.getBigUint64(index * 24 + 16, true));
    return { size, align, bytes: Array.from(data.subarray(offset, offset + size)) };
  });
}
