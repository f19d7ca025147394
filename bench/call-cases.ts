// Declared functions against raw koffi: the call alone, and the seed's pattern end to end.
import koffi from 'koffi';
import { calloc, cType, library, struct, using } from '../src/index.js';
import type { BenchCase } from './harness.js';

const CLOCK_MONOTONIC = 1;
const long = cType('long');
const timespec = struct('timespec', { tv_sec: long, tv_nsec: long });

const rawLibc = koffi.load('libc.so.6');
const rawClockGettime = rawLibc.func('int clock_gettime(int clk, void *tp)') as (
  clk: number,
  tp: bigint,
) => number;
const clock_gettime = library('libc.so.6').func('int clock_gettime(int clk, struct timespec *tp)', {
  types: { timespec },
});

// The hand-tuned floor: one buffer for the whole run, its bigint address, fields through a DataView.
const buffer = calloc.alloc(timespec);
const bufferAddress = buffer.address;
const bufferView = new DataView(koffi.view(bufferAddress, 16));
let sink = 0;

export const CALL_CASES: BenchCase[] = [
  {
    name: 'koffi: clock_gettime(1, bigint address)',
    operations: 1e6,
    run(n) {
      for (let i = 0; i < n; i++) rawClockGettime(CLOCK_MONOTONIC, bufferAddress);
    },
  },
  {
    name: 'ffi-arena: declared clock_gettime(1, pointer)',
    operations: 1e6,
    run(n) {
      for (let i = 0; i < n; i++) clock_gettime(CLOCK_MONOTONIC, buffer);
    },
  },
  {
    name: 'koffi floor: clock_gettime + DataView reads',
    operations: 1e6,
    run(n) {
      for (let i = 0; i < n; i++) {
        rawClockGettime(CLOCK_MONOTONIC, bufferAddress);
        sink += Number(bufferView.getBigInt64(0, true)) + Number(bufferView.getBigInt64(8, true));
      }
    },
  },
  {
    name: 'ffi-arena: using+alloc(timespec)+clock_gettime+reads',
    operations: 1e6,
    run(n) {
      for (let i = 0; i < n; i++) {
        sink += using((arena) => {
          const now = arena.alloc(timespec);
          clock_gettime(CLOCK_MONOTONIC, now);
          return Number(now.ref.tv_sec) + Number(now.ref.tv_nsec);
        });
      }
    },
  },
];

/** Keeps the reads alive: a sink nobody reads could let V8 drop them. */
export function callSink(): number {
  return sink;
}
