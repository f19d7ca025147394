// `npm run bench` runs the benchmarks under Node; `npm run bench -- bun` and `-- deno` run the same
// JavaScript cases under Bun or Deno (installed from npm at the versions pinned in runtimes.mjs).
// Benchmark options go through the environment: BENCH_ONLY='arena|p.ref' runs just those cases;
// BENCH_ALLOCATIONS=1 prints bytes allocated per operation in the mixed process instead (Node).
import { spawnSync } from 'node:child_process';
import { installRuntime, RUNTIMES } from './runtimes.mjs';

const name = process.argv[2] ?? 'node';
if (name !== 'node' && !(name in RUNTIMES)) {
  console.error(`usage: npm run bench [-- ${Object.keys(RUNTIMES).join('|')}]`);
  process.exit(2);
}
const [binary, args] =
  name === 'node' ? [process.execPath, ['--expose-gc']] : [installRuntime(name), RUNTIMES[name].run];
// Each case runs in processes of its own, started with the same runtime and arguments.
const env = { ...process.env, FFI_ARENA_BENCH_ARGS: JSON.stringify(args) };
const result = spawnSync(binary, [...args, 'build/bench/run.js'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
