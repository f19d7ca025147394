/**
 * A small benchmark harness: every case runs its own loop (so V8 optimises each loop body on its
 * own), cases are interleaved round by round so machine noise hits all of them alike, and the
 * median of the rounds is reported.
 */
export interface BenchCase {
  readonly name: string;
  /** Operations per round. */
  readonly operations: number;
  /** Runs `operations` operations. */
  run(operations: number): void;
}

function timeOnce(benchCase: BenchCase): number {
  const start = process.hrtime.bigint();
  benchCase.run(benchCase.operations);
  return Number(process.hrtime.bigint() - start) / benchCase.operations;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Nanoseconds per operation of each case: the median over `rounds` interleaved rounds. */
export function measure(cases: readonly BenchCase[], rounds: number): Map<string, number> {
  for (const benchCase of cases) benchCase.run(Math.ceil(benchCase.operations / 5)); // warm up
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const benchCase of cases) samples.get(benchCase.name)!.push(timeOnce(benchCase));
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}
