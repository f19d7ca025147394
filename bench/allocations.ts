// Bytes a case allocates on the JavaScript heap per operation, from V8's sampling heap profiler:
// whether V8 elided the pointers and views of a loop shows here in one run, where times on a noisy
// machine move by a third from run to run.
import { Session } from 'node:inspector/promises';
import type { BenchCase } from './harness.js';

/** Bytes between samples: small enough that a 56-byte view is seen, large enough to stay cheap. */
const SAMPLING_INTERVAL = 256;
/** Operations sampled per case: enough samples for a figure, few enough for the heaviest cases. */
const MAX_OPERATIONS = 200_000;

interface ProfileNode {
  readonly selfSize: number;
  readonly children: readonly ProfileNode[];
}

function totalSize(node: ProfileNode): number {
  return node.children.reduce((sum, child) => sum + totalSize(child), node.selfSize);
}

/**
 * Runs each case once more under the sampling heap profiler and returns its bytes per operation.
 * V8 scales each sample by its size, so the totals are estimates of everything allocated,
 * including objects a scavenge collects at once.
 */
export async function allocationsPerOperation(cases: readonly BenchCase[]): Promise<Record<string, number>> {
  const session = new Session();
  session.connect();
  const bytes: Record<string, number> = {};
  try {
    for (const benchCase of cases) {
      const operations = Math.min(benchCase.operations, MAX_OPERATIONS);
      benchCase.setup?.(operations);
      await session.post('HeapProfiler.startSampling', {
        samplingInterval: SAMPLING_INTERVAL,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
      await benchCase.run(operations);
      const { profile } = await session.post('HeapProfiler.stopSampling');
      bytes[benchCase.name] = totalSize(profile.head as ProfileNode) / operations;
    }
  } finally {
    session.disconnect();
  }
  return bytes;
}
