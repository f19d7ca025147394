// `npm run soak`: 10 million scopes with mixed allocations. Prints RSS and native heap at
// intervals and fails if either grows past its bound. Not part of the unit suite.
import { memory, soakScope } from './soak-loop.js';

const SCOPES = Number(process.env.SOAK_SCOPES ?? 10_000_000);
const INTERVAL = SCOPES / 10;
const RSS_BOUND_MB = 10;
const HEAP_BOUND_MB = 1;

function runInterval(from: number): void {
  for (let i = from; i < from + INTERVAL; i++) soakScope(i);
}

// Printing first matters: process.stdout is created on first use and its stream buffers come
// from malloc (measured: 1.28 MB that otherwise looked like growth after the baseline).
console.log(
  `soak: ${SCOPES.toLocaleString('en-US')} scopes, baseline after the first ${INTERVAL.toLocaleString('en-US')}`,
);
// One interval brings the block pool, glibc's arenas and V8's working memory to their sizes; a
// leak of one byte per scope would still add 9 MB over the nine intervals that follow.
runInterval(0);
const baseline = memory();
let worst = { rss: 0, heap: 0 };
const started = process.hrtime.bigint();
for (let done = INTERVAL; done < SCOPES; done += INTERVAL) {
  runInterval(done);
  const now = memory();
  const rss = now.rss - baseline.rss;
  const heap = now.nativeHeap === undefined ? 0 : now.nativeHeap - (baseline.nativeHeap ?? 0);
  worst = { rss: Math.max(worst.rss, rss), heap: Math.max(worst.heap, heap) };
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const signed = (mb: number) => `${mb >= 0 ? '+' : ''}${mb.toFixed(2)} MB`;
  console.log(
    `  ${(done + INTERVAL).toLocaleString('en-US').padStart(12)} scopes  ${seconds.toFixed(1).padStart(6)} s  RSS ${signed(rss)}  native heap ${signed(heap)}`,
  );
}
const failed = worst.rss > RSS_BOUND_MB || worst.heap > HEAP_BOUND_MB;
console.log(
  `soak ${failed ? 'FAILED' : 'passed'}: worst growth RSS ${worst.rss.toFixed(2)} MB (bound ${RSS_BOUND_MB}), native heap ${worst.heap.toFixed(2)} MB (bound ${HEAP_BOUND_MB})`,
);
process.exit(failed ? 1 : 0);
