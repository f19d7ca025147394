// `npm run bench`: ffi-arena against raw koffi and a C baseline, side by side in one run.
import { fileURLToPath } from 'node:url';
import koffi from 'koffi';
import { adaptiveCalloc, calloc, free, LeakTracker, struct, u8, u32, using } from '../src/index.js';
import { cFigures, runCBaseline } from './c-baseline.js';
import { CALL_CASES, CALLBACK_CASES, callSink } from './call-cases.js';
import {
  type BenchCase,
  measure,
  measureMixed,
  measureMixedAllocations,
  runChildCase,
  runtimeName,
} from './harness.js';
import { MEMORY_CASES, memorySink } from './memory-cases.js';
import { SCOPE_CASES, scopeSink } from './scope-cases.js';
import { memory, soakScope } from './soak-loop.js';

const libc = koffi.load('libc.so.6');
const callocNumber = libc.func('uintptr_t calloc(size_t count, size_t size)') as (
  n: number,
  s: number,
) => number;
const freeNumber = libc.func('void free(uintptr_t p)') as (p: number) => void;
const mallocNumber = libc.func('uintptr_t malloc(size_t size)') as (s: number) => number;
const callocBigInt = libc.func('void *calloc(size_t count, size_t size)') as (n: number, s: number) => bigint;
const freeBigInt = libc.func('void free(void *p)') as (p: bigint) => void;

const FILETIME = struct('FILETIME', { dwLowDateTime: u32, dwHighDateTime: u32 });
const KOFFI_FILETIME = koffi.struct('KOFFI_FILETIME', {
  dwLowDateTime: 'uint32_t',
  dwHighDateTime: 'uint32_t',
});

const held = calloc.alloc(FILETIME);
const heldAddress = held.address;
const heldView = new DataView(koffi.view(heldAddress, 8));

const cases: BenchCase[] = [
  {
    name: 'koffi: libc calloc+free (uintptr_t)',
    operations: 2e6,
    run(n) {
      for (let i = 0; i < n; i++) freeNumber(callocNumber(1, 8));
    },
  },
  {
    name: 'koffi: libc malloc+free (uintptr_t)',
    operations: 2e6,
    run(n) {
      for (let i = 0; i < n; i++) freeNumber(mallocNumber(8));
    },
  },
  {
    name: 'koffi: libc calloc+free (void *)',
    operations: 1e6,
    run(n) {
      for (let i = 0; i < n; i++) freeBigInt(callocBigInt(1, 8));
    },
  },
  {
    name: 'koffi: koffi.alloc+koffi.free',
    operations: 1e6,
    run(n) {
      for (let i = 0; i < n; i++) koffi.free(koffi.alloc(KOFFI_FILETIME, 1));
    },
  },
  {
    name: 'ffi-arena: calloc.alloc(FILETIME)+free',
    group: 'calloc vs adaptiveCalloc',
    operations: 2e6,
    run(n) {
      for (let i = 0; i < n; i++) free(calloc.alloc(FILETIME));
    },
  },
  {
    name: 'ffi-arena: calloc.alloc(FILETIME)+write+free',
    operations: 2e6,
    run(n) {
      for (let i = 0; i < n; i++) {
        const p = calloc.alloc(FILETIME);
        p.ref.dwLowDateTime = i >>> 0;
        free(p);
      }
    },
  },
  {
    name: 'ffi-arena: adaptiveCalloc.alloc+free, tracking off',
    group: 'calloc vs adaptiveCalloc',
    operations: 2e6,
    run(n) {
      LeakTracker.enabled = false;
      for (let i = 0; i < n; i++) free(adaptiveCalloc.alloc(FILETIME));
      LeakTracker.enabled = true;
    },
  },
  {
    name: 'ffi-arena: adaptiveCalloc.alloc+free, tracking on',
    operations: 2e4,
    run(n) {
      LeakTracker.enabled = true;
      for (let i = 0; i < n; i++) free(adaptiveCalloc.alloc(FILETIME));
    },
  },
  {
    name: 'ffi-arena: arena.alloc(FILETIME)+write, scope of 1000',
    operations: 4e6,
    run(n) {
      for (let k = 0; k < n; k += 1000) {
        using((arena) => {
          for (let i = 0; i < 1000; i++) arena.alloc(FILETIME).ref.dwLowDateTime = i;
        });
      }
    },
  },
  {
    // The same, with every pointer kept: what an allocation costs when the runtime cannot elide
    // the pointer and its view (the gap to the case above is what elision saves).
    name: 'ffi-arena: arena.alloc(FILETIME)+write, pointers kept, scope of 1000',
    operations: 4e6,
    run(n) {
      const kept: unknown[] = new Array(1000);
      for (let k = 0; k < n; k += 1000) {
        using((arena) => {
          for (let i = 0; i < 1000; i++) {
            const p = arena.alloc(FILETIME);
            p.ref.dwLowDateTime = i;
            kept[i] = p;
          }
        });
      }
    },
  },
  {
    name: 'ffi-arena: p.ref field read+write',
    operations: 2e7,
    run(n) {
      for (let i = 0; i < n; i++) held.ref.dwLowDateTime = held.ref.dwHighDateTime + (i & 1);
    },
  },
  {
    name: 'DataView get+set',
    operations: 2e7,
    run(n) {
      for (let i = 0; i < n; i++) heldView.setUint32(0, heldView.getUint32(4, true) + (i & 1), true);
    },
  },
  {
    name: 'koffi.decode(FILETIME)',
    operations: 2e5,
    run(n) {
      for (let i = 0; i < n; i++) koffi.decode(heldAddress, KOFFI_FILETIME);
    },
  },
  {
    name: 'koffi.encode(FILETIME)',
    operations: 2e5,
    run(n) {
      for (let i = 0; i < n; i++)
        koffi.encode(heldAddress, KOFFI_FILETIME, { dwLowDateTime: i, dwHighDateTime: 0 });
    },
  },
  {
    name: 'koffi.view(pointer, 16)',
    operations: 2e4,
    run(n) {
      for (let i = 0; i < n; i++) koffi.view(heldAddress, 16);
    },
  },
  ...SCOPE_CASES,
  ...CALL_CASES,
  ...CALLBACK_CASES,
  ...MEMORY_CASES,
];

const rounds = Number(process.env.BENCH_ROUNDS ?? 3); // per pass, in each case's own process
const passes = 3;
const mixedProcesses = 2; // each runs every case
const mixedRounds = 9; // in each of them
if (await runChildCase(cases, rounds)) process.exit(0);
const script = fileURLToPath(import.meta.url);

// BENCH_ALLOCATIONS=1: bytes each case allocates per operation in the mixed process, and nothing
// else. Where V8 elides a loop's pointers and views the figure is near 0, in one run.
if (process.env.BENCH_ALLOCATIONS !== undefined) {
  if (!runtimeName().startsWith('node')) {
    console.log('Allocation figures use the inspector of Node.js: run them under node.');
    process.exit(0);
  }
  console.log('Bytes allocated on the JavaScript heap per operation, every case in one process:');
  const bytes = measureMixedAllocations(script);
  for (const { name } of cases) console.log(`${name.padEnd(80)} ${bytes.get(name)!.toFixed(1).padStart(12)}`);
  process.exit(0);
}
console.log(
  `ffi-arena benchmarks: ${runtimeName()}, koffi ${koffi.version}. Isolated: each case in its own ` +
    `process, ${passes} passes × ${rounds} rounds; mixed: every case in one process, ${mixedRounds} ` +
    `rounds in a fixed shuffled order after a warm-up of all, in ${mixedProcesses} such processes. ` +
    `Medians, ns per operation.\n`,
);
const only = process.env.BENCH_ONLY; // substrings separated by '|': run just those cases, no ratios
if (only !== undefined) {
  const wanted = only.split('|');
  const chosen = cases.filter((c) => wanted.some((part) => c.name.includes(part)));
  for (const [name, value] of measure(chosen, script, passes, rounds)) {
    console.log(`${name.padEnd(48)} ${value.toFixed(1).padStart(8)} ns`);
  }
  process.exit(0);
}
// C's figures are sampled before, between and after the two columns, and pooled.
const cRuns = [runCBaseline()];
const isolated = measure(cases, script, passes, rounds);
cRuns.push(runCBaseline());
const mixed = measureMixed(script, mixedProcesses, mixedRounds);
cRuns.push(runCBaseline());
const c = cFigures(cRuns);

const width = Math.max(...[...isolated.keys(), ...c.keys()].map((k) => k.length)) + 6;
console.log(`${''.padEnd(width)} ${'isolated'.padStart(10)} ${'mixed'.padStart(10)}`);
for (const [name, ns] of c) console.log(`${`C: ${name}`.padEnd(width)} ${ns.toFixed(1).padStart(10)}`);
for (const [name, ns] of isolated) {
  console.log(
    `${name.padEnd(width)} ${ns.toFixed(1).padStart(10)} ${mixed.get(name)!.toFixed(1).padStart(10)}`,
  );
}

/**
 * A figure the README reports: `of` divided by `over` (a JavaScript case, or `C: name` for the
 * C baseline), or `of` alone in nanoseconds; with the project's target where it has one.
 */
interface Ratio {
  readonly what: string;
  readonly of: string;
  readonly over?: string;
  readonly atMost?: number;
  readonly atLeast?: number;
}

/** Only where the runtime parses `using` (not Node 20). */
const NATIVE_USING = 'language: using (native), trivial disposable';

const ratios: Ratio[] = [
  {
    what: 'arena alloc+write / C calloc+free',
    of: 'ffi-arena: arena.alloc(FILETIME)+write, scope of 1000',
    over: 'C: calloc+free',
    atMost: 1,
  },
  {
    what: 'koffi.alloc+free / arena alloc+write (speed-up)',
    of: 'koffi: koffi.alloc+koffi.free',
    over: 'ffi-arena: arena.alloc(FILETIME)+write, scope of 1000',
    atLeast: 30,
  },
  {
    what: 'using() scope, nothing allocated (ns)',
    of: 'ffi-arena: using() scope, nothing allocated',
    atMost: 20,
  },
  {
    what: 'using() 4×FILETIME / C 4×(calloc+write)+free',
    of: 'ffi-arena: using() scope, 4×alloc(FILETIME)+write',
    over: 'C: 4x(calloc+write)+free, no volatile',
    atMost: 2,
  },
  {
    what: 'using() 4×FILETIME / C, volatile stores',
    of: 'ffi-arena: using() scope, 4×alloc(FILETIME)+write',
    over: 'C: 4x(calloc+write)+free',
  },
  {
    what: 'using arena = new Arena() / using()',
    of: 'ffi-arena: using arena = new Arena(), 4×alloc+write',
    over: 'ffi-arena: using() scope, 4×alloc(FILETIME)+write',
    atMost: 1.3,
  },
  {
    what: 'TypeScript using block, trivial disposable (ns)',
    of: 'language: using (TypeScript ES2022 helpers), trivial disposable',
  },
  {
    what: 'the same / try-finally',
    of: 'language: using (TypeScript ES2022 helpers), trivial disposable',
    over: 'language: try/finally, trivial disposable',
  },
  ...(cases.some((c) => c.name === NATIVE_USING)
    ? [{ what: 'native using block, trivial disposable (ns)', of: NATIVE_USING }]
    : []),
  {
    what: 'new Arena()+releaseAll() / using()',
    of: 'ffi-arena: new Arena()+releaseAll(), 4×alloc+write',
    over: 'ffi-arena: using() scope, 4×alloc(FILETIME)+write',
    atMost: 1.3,
  },
  {
    what: 'await using arena = new Arena() / await using()',
    of: 'ffi-arena: await using arena = new Arena(), 4×alloc+write',
    over: 'ffi-arena: await using(async), 4×alloc+write',
    atMost: 1.3,
  },
  { what: 'p.ref field read+write (ns)', of: 'ffi-arena: p.ref field read+write', atMost: 10 },
  {
    what: 'p.ref field read+write / C field read+write',
    of: 'ffi-arena: p.ref field read+write',
    over: 'C: field read+write',
  },
  {
    what: 'p.ref field read+write / DataView get+set',
    of: 'ffi-arena: p.ref field read+write',
    over: 'DataView get+set',
  },
  {
    what: 'calloc.alloc+write+free / koffi libc calloc+free',
    of: 'ffi-arena: calloc.alloc(FILETIME)+write+free',
    over: 'koffi: libc calloc+free (uintptr_t)',
    atMost: 2,
  },
  {
    what: 'calloc.alloc+free / koffi libc calloc+free',
    of: 'ffi-arena: calloc.alloc(FILETIME)+free',
    over: 'koffi: libc calloc+free (uintptr_t)',
    atMost: 1.3,
  },
  {
    what: 'adaptiveCalloc (tracking off) / calloc, alloc+free',
    of: 'ffi-arena: adaptiveCalloc.alloc+free, tracking off',
    over: 'ffi-arena: calloc.alloc(FILETIME)+free',
    atMost: 1.05,
  },
  {
    what: 'adaptiveCalloc (tracking on) / calloc, alloc+free',
    of: 'ffi-arena: adaptiveCalloc.alloc+free, tracking on',
    over: 'ffi-arena: calloc.alloc(FILETIME)+free',
  },
  {
    what: 'calloc.alloc+free / koffi libc malloc+free',
    of: 'ffi-arena: calloc.alloc(FILETIME)+free',
    over: 'koffi: libc malloc+free (uintptr_t)',
  },
  {
    what: 'calloc.alloc+free / koffi.alloc+koffi.free',
    of: 'ffi-arena: calloc.alloc(FILETIME)+free',
    over: 'koffi: koffi.alloc+koffi.free',
  },
  {
    what: 'calloc.alloc+free / C calloc+free',
    of: 'ffi-arena: calloc.alloc(FILETIME)+free',
    over: 'C: calloc+free',
  },
  {
    what: 'koffi.view / calloc.alloc+free',
    of: 'koffi.view(pointer, 16)',
    over: 'ffi-arena: calloc.alloc(FILETIME)+free',
  },
  {
    what: 'declared clock_gettime / raw koffi (bigint address)',
    of: 'ffi-arena: declared clock_gettime(1, pointer)',
    over: 'koffi: clock_gettime(1, bigint address)',
    atMost: 1.15,
  },
  {
    what: 'lazily declared (generated Win32 API) / declared clock_gettime',
    of: 'ffi-arena: clock_gettime(1, pointer) through a lazy declaration',
    over: 'ffi-arena: declared clock_gettime(1, pointer)',
  },
  {
    what: 'seed pattern (using+alloc+call+reads) / koffi floor',
    of: 'ffi-arena: using+alloc(timespec)+clock_gettime+reads',
    over: 'koffi floor: clock_gettime + DataView reads',
    atMost: 1.5,
  },
  {
    what: 'qsort 100k: ffi-arena comparator / raw koffi',
    of: 'ffi-arena: qsort 100k, comparator on Pointer<item> args',
    over: 'koffi: qsort 100k, registered comparator + koffi.decode',
    atMost: 1.2,
  },
  {
    what: 'registerCallback+free (tracking off) / koffi register+unregister',
    of: 'ffi-arena: registerCallback+free, tracking off',
    over: 'koffi: register+unregister',
  },
  {
    what: 'registerCallback+free (tracking on) / koffi register+unregister',
    of: 'ffi-arena: registerCallback+free, tracking on',
    over: 'koffi: register+unregister',
  },
  {
    what: '1 MiB in+out: writeBytes+readBytes / koffi.view set+slice',
    of: 'ffi-arena: 1 MiB in+out, writeBytes+readBytes',
    over: 'koffi: 1 MiB in+out, Uint8Array.set+slice on koffi.view',
    atMost: 1.5,
  },
  {
    what: 'free() of an adopted block / raw koffi free(uintptr_t)',
    of: 'ffi-arena: free() of an adopted C block',
    over: 'koffi: free(uintptr_t) of a C block, raw',
    atMost: 1.3,
  },
  {
    what: 'raw koffi clock_gettime / C clock_gettime',
    of: 'koffi: clock_gettime(1, bigint address)',
    over: 'C: clock_gettime',
  },
];

/** A case's figure in one column; `C: name` reads the C baseline, which has one column only. */
function figure(name: string, column: Map<string, number>): number {
  const value = name.startsWith('C: ') ? c.get(name.slice(3)) : column.get(name);
  if (value === undefined) throw new Error(`no benchmark named ${name}`);
  return value;
}

function verdict(ratio: Ratio, values: readonly number[]): string {
  if (ratio.atMost !== undefined) {
    return `  target <= ${ratio.atMost}: ${values.every((v) => v <= ratio.atMost!) ? 'met' : 'NOT MET'}`;
  }
  if (ratio.atLeast !== undefined) {
    return `  target >= ${ratio.atLeast}: ${values.every((v) => v >= ratio.atLeast!) ? 'met' : 'NOT MET'}`;
  }
  return '';
}

console.log(`\nratios${''.padEnd(60)}isolated    mixed`);
for (const ratio of ratios) {
  const values = [isolated, mixed].map(
    (column) => figure(ratio.of, column) / (ratio.over === undefined ? 1 : figure(ratio.over, column)),
  );
  const shown = values.map((v) => v.toFixed(2).padStart(8)).join(' ');
  console.log(`  ${ratio.what.padEnd(64)} ${shown}${verdict(ratio, values)}`);
}
free(held);
if (callSink() === -1 || memorySink() === -1 || scopeSink() === -1) console.log('');

// 10 million scopes with mixed allocations: memory must not grow (npm run soak prints intervals).
for (let i = 0; i < 100_000; i++) soakScope(i); // warm up: pools, JIT, heap sizes
const before = memory();
const started = process.hrtime.bigint();
for (let i = 0; i < 10_000_000; i++) soakScope(i);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const after = memory();
const rssGrowth = after.rss - before.rss;
const heapGrowth =
  after.nativeHeap === undefined || before.nativeHeap === undefined
    ? undefined
    : after.nativeHeap - before.nativeHeap;
console.log(`\n10,000,000 using() scopes in ${seconds.toFixed(1)} s`);
console.log(
  `  RSS growth          ${rssGrowth.toFixed(2).padStart(8)} MB  target < 10 MB: ${rssGrowth < 10 ? 'met' : 'NOT MET'}`,
);
if (heapGrowth !== undefined) {
  const met = heapGrowth < 1 ? 'met' : 'NOT MET'; // one-sided: a shrinking heap is not a leak
  console.log(
    `  native heap growth  ${heapGrowth.toFixed(2).padStart(8)} MB  target: back to baseline (< 1 MB): ${met}`,
  );
}

/** A report of 100,000 live allocations (the issue asks for under a second). */
function timeReport(): number {
  const pointers = Array.from({ length: 100_000 }, (_, i) => adaptiveCalloc.alloc(u8, 1 + (i % 3)));
  const started = process.hrtime.bigint();
  LeakTracker.report();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const p of pointers) free(p);
  return seconds;
}
LeakTracker.enabled = true;
const reportSeconds = timeReport();
console.log(
  `\nleak report of 100,000 live allocations: ${reportSeconds.toFixed(3)} s  target < 1 s: ${reportSeconds < 1 ? 'met' : 'NOT MET'}`,
);
