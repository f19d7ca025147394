/**
 * A small seeded PRNG (mulberry32) so oracle tests are reproducible: CI uses a fixed seed,
 * `FFI_ARENA_SEED=random` (or any number) explores others. The seed is printed on failure.
 */
export class Random {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
}

/** The seed from FFI_ARENA_SEED (a number, or `random`), else `fallback`. */
export function seedFromEnvironment(fallback: number): number {
  const value = process.env.FFI_ARENA_SEED;
  if (value === undefined || value === '') return fallback;
  if (value === 'random') return Math.floor(Math.random() * 2 ** 32);
  return Number(value);
}
