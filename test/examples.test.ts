// The examples are the seed's patterns as programs: each must run and print what it promises.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runFile } from './support/child-node.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');

const EXPECTED: Record<string, RegExp> = {
  'try-finally.js': /^try\/finally: the time is \d{4}-\d\d-\d\dT/,
  'using-scope.js': /^using\(\): this process used \d+\.\d{3} s of CPU/,
  'nested-arenas.js': /globalPtr is still valid and holds 42\n.*escaped pointer is refused: use after free/,
  'global-buffer.js': /^global buffer: host name ".+"/,
  'zlib.js': /^zlib: 4000 bytes -> \d+ and back; crc32 0x[0-9a-f]+ matches node:zlib\n$/,
  'errno.js': /^errno: open: No such file or directory \(ENOENT, errno 2\)\n$/,
  'qsort.js': /^qsort: 1 3 7 7 19 25 42 50 64 88 \(\d+ calls of a JavaScript comparator\)\n$/,
  'getaddrinfo.js':
    /^getaddrinfo: [1-9] entries \(127\.0\.0\.1:8080 socktype \d.*\), freed with freeaddrinfo\n$/,
};

for (const [program, expected] of Object.entries(EXPECTED)) {
  // The POSIX examples call libc.so.6 and libz.so.1; their Win32 twins (examples/win32) run in win32/windows.test.
  const posixOnly = process.platform === 'win32' && program !== 'nested-arenas.js';
  const options = { skip: posixOnly && 'a POSIX example (libc.so.6); examples/win32 has its Windows twin' };
  test(
    `examples/${program.replace('.js', '.ts')} runs, prints what it promises and leaks nothing`,
    options,
    () => {
      // FFI_ARENA_LEAKS=fail: a leak left at exit would be reported and fail the process.
      const result = runFile(join(examples, program), { ...process.env, FFI_ARENA_LEAKS: 'fail' });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '');
      assert.match(result.stdout, expected);
    },
  );
}
