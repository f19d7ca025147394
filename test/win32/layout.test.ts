// The Win32 layout oracle: mingw-w64's sizeof/_Alignof/offsetof of every struct ffi-arena/win32
// declares, printed by layout-oracle.exe (built by scripts/test-win32.sh), must equal ffi-arena's.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { alignOf, offsetOf, StructType, sizeOf } from 'ffi-arena';
import * as win32 from 'ffi-arena/win32';

/** Every struct the entry point exports: a new one without an oracle entry fails the test. */
const win32Structs = Object.fromEntries(
  Object.entries(win32).filter(([, value]) => value instanceof StructType),
) as Record<string, StructType>;

interface OracleLayout {
  size: number;
  align: number;
  offsets: Record<string, number>;
}

test(
  'every Win32 struct has the layout mingw gives it',
  { skip: process.platform !== 'win32' && 'Windows only: npm run test:win32 runs it under Wine' },
  () => {
    const oracle = fileURLToPath(new URL('./layout-oracle.exe', import.meta.url));
    const layouts = JSON.parse(execFileSync(oracle, { encoding: 'utf8' })) as Record<string, OracleLayout>;
    assert.deepEqual(
      Object.keys(layouts).sort(),
      Object.keys(win32Structs).sort(),
      'the oracle covers every struct',
    );
    for (const [name, type] of Object.entries(win32Structs)) {
      const expected = layouts[name] as OracleLayout;
      assert.equal(sizeOf(type), expected.size, `sizeof(${name})`);
      assert.equal(alignOf(type), expected.align, `_Alignof(${name})`);
      assert.deepEqual(
        type.fields.map((field) => field.name),
        Object.keys(expected.offsets),
        `${name}'s fields, in order`,
      );
      for (const field of type.fields) {
        assert.equal(
          offsetOf(type, field.name as never),
          expected.offsets[field.name],
          `offsetof(${name}, ${field.name})`,
        );
      }
    }
  },
);
