import { defineConfig } from 'vitest/config';

// Vitest runs the tests that show ffi-arena/testing inside vitest itself (the rest use node:test).
export default defineConfig({
  test: { include: ['test/vitest/**/*.vitest.ts'], pool: 'forks' },
});
