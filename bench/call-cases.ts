// Declared functions against raw koffi: the call alone, and the seed's pattern end to end.
import koffi from 'koffi';
import { lazyFunction } from '../src/calls/lazy-function.js';
import {
  callbackType,
  calloc,
  cType,
  f64,
  free,
  i32,
  LeakTracker,
  library,
  registerCallback,
  struct,
  using,
} from '../src/index.js';
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

// The same function behind the stub each generated Win32 function is until its first call.
const lazyClockGettime = lazyFunction('clock_gettime', 2, () => clock_gettime) as typeof clock_gettime;

// The hand-tuned floor: one buffer for the whole run, its bigint address, fields through a DataView.
const buffer = calloc.alloc(timespec);
const bufferAddress = buffer.address;
const bufferView = new DataView(koffi.view(bufferAddress, 16));
let sink = 0;

export const CALL_CASES: BenchCase[] = [
  {
    name: 'koffi: clock_gettime(1, bigint address)',
    group: 'declared call vs raw koffi', // side by side in the same processes: the ratio is finer than their variation
    operations: 1e6,
    run(n) {
      for (let i = 0; i < n; i++) rawClockGettime(CLOCK_MONOTONIC, bufferAddress);
    },
  },
  {
    name: 'ffi-arena: declared clock_gettime(1, pointer)',
    group: 'declared call vs raw koffi', // side by side in the same processes: the ratio is finer than their variation
    operations: 1e6,
    run(n) {
      for (let i = 0; i < n; i++) clock_gettime(CLOCK_MONOTONIC, buffer);
    },
  },
  {
    name: 'ffi-arena: clock_gettime(1, pointer) through a lazy declaration',
    group: 'declared call vs raw koffi', // side by side in the same processes: the ratio is finer than their variation
    operations: 1e6,
    run(n) {
      for (let i = 0; i < n; i++) lazyClockGettime(CLOCK_MONOTONIC, buffer);
    },
  },
  {
    name: 'koffi floor: clock_gettime + DataView reads',
    group: 'seed pattern vs koffi floor', // side by side in the same processes: the ratio is finer than their variation
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
    group: 'seed pattern vs koffi floor', // side by side in the same processes: the ratio is finer than their variation
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

// qsort of 100,000 { int key; double value; } with a comparator that reads both keys.
const SORTED = 100_000;
const item = struct('item', { key: i32, value: f64 });
const CmpFn = callbackType('int CmpFn(const struct item *a, const struct item *b)', { types: { item } });
const qsort = library('libc.so.6').func('void qsort(void *base, size_t n, size_t size, CmpFn *cmp)', {
  types: { CmpFn },
});
const RawCmp = koffi.proto('int RawCmp(const void *a, const void *b)');
const rawQsort = rawLibc.func('void qsort(void *base, size_t n, size_t size, RawCmp *cmp)');
const items = calloc.alloc(item, SORTED);
const itemsAddress = items.address;
const itemsView = new DataView(koffi.view(itemsAddress, SORTED * 16));
const randomKeys = Int32Array.from({ length: SORTED }, (_, i) => (i * 2654435761) % 1_000_003);
function shuffle(): void {
  for (let i = 0; i < SORTED; i++) itemsView.setInt32(i * 16, randomKeys[i] as number, true);
}
const rawComparator = koffi.register(
  (a: bigint, b: bigint) => (koffi.decode(a, 'int') as number) - (koffi.decode(b, 'int') as number),
  koffi.pointer(RawCmp),
);
const IntFn = callbackType('int IntFn(int v)');
const RawIntFn = koffi.proto('int RawIntFn(int v)');

export const CALLBACK_CASES: BenchCase[] = [
  {
    name: 'koffi: qsort 100k, registered comparator + koffi.decode',
    group: 'qsort', // side by side in the same processes: the ratio is finer than their variation
    operations: 3,
    run(n) {
      for (let i = 0; i < n; i++) {
        shuffle();
        rawQsort(itemsAddress, SORTED, 16, rawComparator);
      }
    },
  },
  {
    name: 'ffi-arena: qsort 100k, comparator on Pointer<item> args',
    group: 'qsort', // side by side in the same processes: the ratio is finer than their variation
    operations: 3,
    run(n) {
      for (let i = 0; i < n; i++) {
        shuffle();
        qsort(items, SORTED, 16, (a, b) => a.ref.key - b.ref.key);
      }
    },
  },
  {
    name: 'koffi: register+unregister',
    group: 'register', // side by side in the same processes: the ratio is finer than their variation
    operations: 2e4,
    run(n) {
      for (let i = 0; i < n; i++) koffi.unregister(koffi.register((v: number) => v, koffi.pointer(RawIntFn)));
    },
  },
  {
    name: 'ffi-arena: registerCallback+free, tracking off',
    group: 'register', // side by side in the same processes: the ratio is finer than their variation
    operations: 2e4,
    run(n) {
      LeakTracker.enabled = false;
      for (let i = 0; i < n; i++) free(registerCallback(IntFn, (v) => v));
      LeakTracker.enabled = true;
    },
  },
  {
    name: 'ffi-arena: registerCallback+free, tracking on',
    operations: 2e3,
    run(n) {
      LeakTracker.enabled = true; // the default outside production: one stack capture each
      for (let i = 0; i < n; i++) free(registerCallback(IntFn, (v) => v));
    },
  },
];
