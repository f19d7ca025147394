import { spawnSync } from 'node:child_process';

/**
 * A small benchmark harness. Every case runs in processes of its own: V8 compiles a case's loop
 * with whatever the earlier cases taught it (inlining decisions, feedback, field layouts), and in
 * one shared process that made the arena case bimodal (6 or 17 ns depending on run order and
 * compile timing). Cases still alternate: each pass runs every case once, in a fresh process,
 * for a few rounds, so machine noise hits all of them alike. The median of all rounds is reported.
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
  /** Runs `operations` operations. */
  run(operations: number): void;
}

/** The environment variable that makes a bench process run one case and print its samples. */
const CASE_VARIABLE = 'FFI_ARENA_BENCH_CASE';

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

function timeOnce(benchCase: BenchCase): number {
  benchCase.setup?.(benchCase.operations);
  const start = process.hrtime.bigint();
  benchCase.run(benchCase.operations);
  return Number(process.hrtime.bigint() - start) / benchCase.operations;
}

function median(values: number[]): number {
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
 * In a child started by {@link measure}: runs the cases it was started for, round by round,
 * prints their samples as JSON and returns true. Elsewhere returns false.
 */
export function runChildCase(cases: readonly BenchCase[], rounds: number): boolean {
  const names = process.env[CASE_VARIABLE];
  if (names === undefined) return false;
  const chosen = (JSON.parse(names) as string[]).map((name) => {
    const benchCase = cases.find((c) => c.name === name);
    if (benchCase === undefined) throw new Error(`no benchmark named ${name}`);
    return benchCase;
  });
  for (const benchCase of chosen) {
    const warmUp = Math.ceil(benchCase.operations / 5);
    benchCase.setup?.(warmUp);
    benchCase.run(warmUp);
  }
  const samples: Record<string, number[]> = Object.fromEntries(chosen.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const benchCase of chosen) samples[benchCase.name]!.push(timeOnce(benchCase));
  }
  process.stdout.write(JSON.stringify(samples));
  return true;
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
      const child = spawnSync(process.execPath, [...CHILD_ARGS, script], {
        env: { ...process.env, [CASE_VARIABLE]: JSON.stringify(names), BENCH_ROUNDS: String(roundsPerPass) },
        encoding: 'utf8',
      });
      if (child.status !== 0) {
        throw new Error(`benchmark ${names.join(', ')} failed (exit ${child.status}):\n${child.stderr}`);
      }
      const result = JSON.parse(child.stdout) as Record<string, number[]>;
      for (const name of names) samples.get(name)!.push(...(result[name] ?? []));
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}
