// The examples are the seed's patterns as programs: each must run and print what it promises.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');

const EXPECTED: Record<string, RegExp> = {
  'try-finally.js': /^try\/finally: the time is \d{4}-\d\d-\d\dT/,
  'using-scope.js': /^using\(\): this process used \d+\.\d{3} s of CPU/,
  'nested-arenas.js': /globalPtr is still valid and holds 42\n.*escaped pointer is refused: use after free/,
  'global-buffer.js': /^global buffer: host name ".+"/,
};

for (const [program, expected] of Object.entries(EXPECTED)) {
  test(`examples/${program.replace('.js', '.ts')} runs, prints what it promises and leaks nothing`, () => {
    // FFI_ARENA_LEAKS=fail: a leak left at exit would be reported and fail the process.
    const result = spawnSync(process.execPath, [join(examples, program)], {
      encoding: 'utf8',
      env: { ...process.env, FFI_ARENA_LEAKS: 'fail' },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, expected);
  });
}
