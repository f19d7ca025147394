// Bytes in bulk and adopted memory against raw koffi: 1 MiB into native memory and back out, and
// the free of a block C allocated, through ffi-arena's adoption and through a raw koffi call.
import koffi from 'koffi';
import {
  adopt,
  calloc,
  free,
  LeakTracker,
  library,
  Pointer,
  readBytes,
  u8,
  writeBytes,
} from '../src/index.js';
import type { BenchCase } from './harness.js';

const MiB = 1024 * 1024;
const block = calloc.alloc(u8, MiB);
const blockView = new Uint8Array(koffi.view(block.address, MiB));
const source = new Uint8Array(MiB).map((_, i) => (i * 31) & 0xff);

const rawLibc = koffi.load('libc.so.6');
const rawMalloc = rawLibc.func('uintptr_t malloc(size_t size)') as (size: number) => number;
// uintptr_t: koffi's fastest way to pass an address (a number, no bigint); what the raw call is held to.
const rawFree = rawLibc.func('void free(uintptr_t p)') as (p: number) => void;
const libcFree = library('libc.so.6').func('void free(void *p)');
let sink = 0;
let addresses: number[] = [];
let adopted: Pointer[] = [];

export const MEMORY_CASES: BenchCase[] = [
  {
    name: 'koffi: 1 MiB in+out, Uint8Array.set+slice on koffi.view',
    group: 'bytes in bulk',
    operations: 2e3,
    run(n) {
      for (let i = 0; i < n; i++) {
        blockView.set(source);
        sink += blockView.slice()[i & 0xff]!;
      }
    },
  },
  {
    name: 'ffi-arena: 1 MiB in+out, writeBytes+readBytes',
    group: 'bytes in bulk',
    operations: 2e3,
    run(n) {
      for (let i = 0; i < n; i++) {
        writeBytes(block, source);
        sink += readBytes(block)[i & 0xff]!;
      }
    },
  },
  {
    name: 'koffi: free(uintptr_t) of a C block, raw',
    group: 'adopted free',
    operations: 2e5,
    setup(n) {
      addresses = Array.from({ length: n }, () => rawMalloc(64));
    },
    run(n) {
      for (let i = 0; i < n; i++) rawFree(addresses[i]!);
    },
  },
  {
    name: 'ffi-arena: free() of an adopted C block',
    group: 'adopted free',
    operations: 2e5,
    setup(n) {
      LeakTracker.enabled = false; // production: no record, no stack
      adopted = Array.from({ length: n }, () => adopt(Pointer.fromAddress(rawMalloc(64), u8, 64), libcFree));
    },
    run(n) {
      for (let i = 0; i < n; i++) free(adopted[i]!);
    },
  },
];

/** Keeps the reads alive. */
export function memorySink(): number {
  return sink;
}
