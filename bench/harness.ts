import { spawnSync } from 'node:child_process';

/**
 * A small benchmark harness with two columns. Isolated: every case runs in processes of its own,
 * so V8 compiles its loop with nothing the other cases taught it (inlining decisions, feedback,
 * field layouts); cases still alternate, each pass running every case once in a fresh process, so
 * machine noise hits all of them alike. Mixed: every case in one process, as a real program mixes
 * them, after a warm-up of all of them, in a fixed shuffled order. The median of all rounds is
 * reported in each.
 */
export interface BenchCase {
  readonly name: string;
  /**
   * Cases with the same group share their processes, alternating round by round: for ratios
   * between near-identical paths (adaptiveCalloc with tracking off against calloc), whose
   * difference is smaller than the variation between processes.
   */
  readonly group?: string;
  /** Operations per round. */
  readonly operations: number;
  /** Prepares what `run` consumes (blocks to free), untimed, before each round. */
  setup?(operations: number): void;
  /** Runs `operations` operations (an async case resolves when they are done). */
  run(operations: number): void | Promise<void>;
}

/** The environment variable that makes a bench process run one case and print its samples. */
const CASE_VARIABLE = 'FFI_ARENA_BENCH_CASE';
/** The value of CASE_VARIABLE that runs every case in one process: the mixed column. */
const ALL_CASES = '*';
/** Set in a child that reports bytes allocated per operation instead of times. */
const ALLOCATIONS_VARIABLE = 'FFI_ARENA_BENCH_ALLOCATIONS';

/**
 * The runtime arguments a case's process starts with: set by scripts/bench.mjs (Deno needs `run`
 * and its permissions, which `process.execArgv` does not give), else this process's own.
 */
const CHILD_ARGS: readonly string[] =
  process.env.FFI_ARENA_BENCH_ARGS === undefined
    ? process.execArgv
    : (JSON.parse(process.env.FFI_ARENA_BENCH_ARGS) as string[]);

/** The runtime running the benchmarks, with its version: `node v20.20.2`, `bun 1.4.5`, `deno 2.9.6`. */
export function runtimeName(): string {
  const versions = process.versions as { bun?: string; deno?: string };
  if (versions.bun !== undefined) return `bun ${versions.bun}`;
  const deno = (globalThis as { Deno?: { version: { deno: string } } }).Deno;
  return deno === undefined ? `node ${process.version}` : `deno ${deno.version.deno}`;
}

async function timeOnce(benchCase: BenchCase): Promise<number> {
  benchCase.setup?.(benchCase.operations);
  const start = process.hrtime.bigint();
  await benchCase.run(benchCase.operations);
  return Number(process.hrtime.bigint() - start) / benchCase.operations;
}

/** The median of `values` (NaN for none). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The cases that run together in one process. */
function groupsOf(cases: readonly BenchCase[]): BenchCase[][] {
  const groups = new Map<string, BenchCase[]>();
  for (const benchCase of cases) {
    const key = benchCase.group ?? benchCase.name;
    groups.set(key, [...(groups.get(key) ?? []), benchCase]);
  }
  return [...groups.values()];
}

/**
 * The cases in a fixed shuffled order (a seeded Fisher–Yates shuffle of the groups): the same for
 * every run, so mixed figures compare across runs, and unrelated to the order the cases are
 * written in. The cases of a group stay next to each other, as in their isolated processes: their
 * ratio is finer than the machine's drift between distant moments of the same process.
 */
function shuffled(cases: readonly BenchCase[]): BenchCase[] {
  const order = groupsOf(cases);
  let seed = 0x2545f491;
  for (let i = order.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.flat();
}

/**
 * In a child started by {@link measure} or {@link measureMixed}: runs the cases it was started
 * for (a warm-up of each, then round by round), prints their samples as JSON and returns true.
 * Elsewhere returns false.
 */
export async function runChildCase(cases: readonly BenchCase[], rounds: number): Promise<boolean> {
  const names = process.env[CASE_VARIABLE];
  if (names === undefined) return false;
  const chosen =
    names === ALL_CASES
      ? shuffled(cases)
      : (JSON.parse(names) as string[]).map((name) => {
          const benchCase = cases.find((c) => c.name === name);
          if (benchCase === undefined) throw new Error(`no benchmark named ${name}`);
          return benchCase;
        });
  for (const benchCase of chosen) {
    const warmUp = Math.ceil(benchCase.operations / 5);
    benchCase.setup?.(warmUp);
    await benchCase.run(warmUp);
  }
  const samples: Record<string, number[]> = Object.fromEntries(chosen.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const benchCase of chosen) samples[benchCase.name]!.push(await timeOnce(benchCase));
  }
  if (process.env[ALLOCATIONS_VARIABLE] !== undefined) {
    // Loaded here: the inspector is Node's, and the timing children never need it.
    const { allocationsPerOperation } = await import('./allocations.js');
    process.stdout.write(JSON.stringify(await allocationsPerOperation(chosen)));
  } else {
    process.stdout.write(JSON.stringify(samples));
  }
  return true;
}

/** Runs `script` as a bench child for `names` (or every case), and returns what it printed. */
function runChild<R = number[]>(
  script: string,
  names: string,
  rounds: number,
  extraEnv: Record<string, string> = {},
): Record<string, R> {
  const child = spawnSync(process.execPath, [...CHILD_ARGS, script], {
    env: { ...process.env, ...extraEnv, [CASE_VARIABLE]: names, BENCH_ROUNDS: String(rounds) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0)
    throw new Error(`benchmark ${names} failed (exit ${child.status}):\n${child.stderr}`);
  return JSON.parse(child.stdout) as Record<string, R>;
}

/**
 * Nanoseconds per operation of each case: the median over `passes` × `roundsPerPass` rounds, each
 * pass running every case (or group) in a fresh process of `script`, which must call
 * {@link runChildCase}.
 */
export function measure(
  cases: readonly BenchCase[],
  script: string,
  passes: number,
  roundsPerPass: number,
): Map<string, number> {
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let pass = 0; pass < passes; pass++) {
    for (const group of groupsOf(cases)) {
      const names = group.map((c) => c.name);
      const result = runChild(script, JSON.stringify(names), roundsPerPass);
      for (const name of names) samples.get(name)!.push(...(result[name] ?? []));
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

/**
 * Nanoseconds per operation of each case with every case in one process of `script`: a warm-up
 * of all of them, then `rounds` rounds in a fixed shuffled order; `processes` such processes one
 * after the other (what V8 decides in one of them can differ in the next). The median per case.
 */
export function measureMixed(script: string, processes: number, rounds: number): Map<string, number> {
  const samples = new Map<string, number[]>();
  for (let started = 0; started < processes; started++) {
    for (const [name, values] of Object.entries(runChild(script, ALL_CASES, rounds))) {
      samples.set(name, [...(samples.get(name) ?? []), ...values]);
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

/**
 * Bytes each case allocates per operation on the JavaScript heap in one process that runs every
 * case, as the mixed column does (Node only: it uses the inspector's sampling heap profiler).
 */
export function measureMixedAllocations(script: string): Map<string, number> {
  const result = runChild<number>(script, ALL_CASES, 1, { [ALLOCATIONS_VARIABLE]: '1' });
  return new Map(Object.entries(result));
}
