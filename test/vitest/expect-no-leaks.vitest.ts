// expectNoLeaks inside vitest: a test that frees what it allocates passes, one that leaks fails.
import { adaptiveCalloc, calloc, free, LeakTrackerException, struct, u32, using } from 'ffi-arena';
import { expectNoLeaks } from 'ffi-arena/testing';
import { expect, test } from 'vitest';

const FILETIME = struct('FILETIME', { dwLowDateTime: u32, dwHighDateTime: u32 });

test('code that frees what it allocates passes expectNoLeaks', async () => {
  await expectNoLeaks(async () => {
    const p = adaptiveCalloc.alloc(FILETIME);
    await using(async (arena) => {
      arena.alloc(FILETIME).ref.dwLowDateTime = 1;
    });
    free(p);
  });
});

test('code that leaks fails expectNoLeaks with the leak and its site', () => {
  let leaked: ReturnType<typeof calloc.alloc<typeof FILETIME>> | undefined;
  expect(() =>
    expectNoLeaks(() => {
      leaked = calloc.alloc(FILETIME);
    }),
  ).toThrow(LeakTrackerException);
  expect(() =>
    expectNoLeaks(() => {
      calloc.alloc(u32, 2);
    }),
  ).toThrow(/8 bytes in 1 allocation at .*expect-no-leaks\.vitest\.ts/);
  if (leaked) free(leaked);
});
