import { koffi } from './koffi.js';

/**
 * Bytes the C heap has handed out and not yet had back, as glibc's `mallinfo2` reports them.
 * @example `const total = (stats: HeapStatistics) => stats.inUseBytes + stats.mappedBytes;`
 */
export interface HeapStatistics {
  /** Bytes in use in the main heap and its arenas (`uordblks`). */
  readonly inUseBytes: number;
  /** Bytes in use in blocks large enough to be mmapped separately (`hblkhd`). */
  readonly mappedBytes: number;
}

type MallinfoFunction = () => Record<string, number | bigint>;

function loadMallinfo2(): MallinfoFunction | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const fields = ['arena', 'ordblks', 'smblks', 'hblks', 'hblkhd', 'usmblks', 'fsmblks', 'uordblks'];
    const mallinfo2 = koffi.struct(
      null,
      Object.fromEntries([...fields, 'fordblks', 'keepcost'].map((name) => [name, 'size_t'])),
    );
    return koffi.load('libc.so.6').func('mallinfo2', mallinfo2, []) as MallinfoFunction;
  } catch {
    return undefined; // not glibc, or glibc older than 2.33
  }
}

const mallinfo2 = loadMallinfo2();

/** The C heap's statistics, or `undefined` where the C library cannot report them (non-glibc). */
export function heapStatistics(): HeapStatistics | undefined {
  if (mallinfo2 === undefined) return undefined;
  const info = mallinfo2();
  return { inUseBytes: Number(info.uordblks), mappedBytes: Number(info.hblkhd) };
}
