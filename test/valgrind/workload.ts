// The valgrind workload (`npm run test:valgrind`): every native path of ffi-arena, a few hundred
// times, under memcheck. Everything it allocates it frees, and every freed pointer it touches must
// throw before any native access: memcheck then sees invalid reads or writes, invalid or
// mismatched frees, or lost blocks only if ffi-arena got one wrong.
import {
  Arena,
  adaptiveCalloc,
  adopt,
  allocTrailing,
  array,
  bits,
  calloc,
  copyBytes,
  diagnosticCalloc,
  fillBytes,
  flexibleArray,
  free,
  i8,
  LeakTracker,
  library,
  malloc,
  Pointer,
  readBytes,
  struct,
  toNativeUtf8,
  toNativeUtf16,
  trailing,
  UseAfterFreeError,
  u8,
  u16,
  u32,
  u64,
  using,
  writeBytes,
} from '../../src/index.js';

const RECORD = struct('RECORD', { id: u32, total: u64, name: array(u16, 8) });
const FLAGS = struct('FLAGS', { tag: u8, wide: bits(u64, 35), last: bits(i8, 3) });
const PATH_LIST = struct('PATH_LIST', { count: u32, lengths: flexibleArray(u16) });
const source = new Uint8Array(4099).map((_, i) => i & 0xff);
const libc = library('libc.so.6');
const cMalloc = libc.func('void *malloc(size_t size)');
const cFree = libc.func('void free(void *p)');
const ROUNDS = Number(process.env.FFI_ARENA_VALGRIND_ROUNDS ?? 200);

function expectUseAfterFree(access: () => unknown): void {
  try {
    access();
  } catch (error) {
    if (error instanceof UseAfterFreeError) return;
    throw error;
  }
  throw new Error('access after free did not throw');
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`valgrind workload: ${what}`);
}

for (let round = 0; round < ROUNDS; round++) {
  // System allocators: small (JS-zeroed malloc) and large (calloc) blocks, written to the last byte.
  for (const allocator of [calloc, malloc, adaptiveCalloc, diagnosticCalloc]) {
    for (const count of [1, 7, 128, 129, 4096, 70_000]) {
      const bytes = allocator.alloc(u8, count);
      if (allocator !== malloc) check(bytes.get(0) === 0 && bytes.get(count - 1) === 0, 'zeroed');
      bytes.set(count - 1, 0xab);
      check(bytes.get(count - 1) === 0xab, 'last byte round-trips');
      free(bytes);
      expectUseAfterFree(() => bytes.get(0));
    }
  }
  // Structs, nested views, derived pointers and casts.
  const records = calloc.alloc(RECORD, 4);
  for (let i = 0; i < 4; i++) {
    const record = records.at(i).ref;
    record.id = i;
    record.total = BigInt(i) << 40n;
    record.name.set(7, 0xffff);
  }
  check(records.at(3).ref.name.get(7) === 0xffff, 'nested array field');
  const asBytes = records.cast(u8);
  check(asBytes.count === RECORD.size * 4, 'cast keeps the extent');
  free(records);
  expectUseAfterFree(() => asBytes.get(0));
  // Arenas: bump allocations in pooled blocks, large allocations, nesting, reuse, cleanups.
  using((outer) => {
    const kept = outer.alloc(u32, 16);
    kept.set(15, 42);
    let inner: Pointer<typeof u32> | undefined;
    using((arena) => {
      for (let i = 0; i < 50; i++) arena.alloc(u8, 1 + ((i * 37) % 300)).set(0, 1);
      arena.alloc(u8, 20_000).set(19_999, 7); // above the bump limit: its own system block
      inner = arena.alloc(u32, 4);
      arena.defer(() => undefined);
    });
    expectUseAfterFree(() => inner?.get(0));
    check(kept.get(15) === 42, 'outer arena memory survives the inner release');
  });
  const reused = new Arena();
  reused.alloc(u8, 100).set(99, 1);
  reused.releaseAll({ reuse: true });
  reused.alloc(u8, 100).set(99, 2);
  reused.releaseAll();
  // Strings both ways, and memory "from C" wrapped with fromAddress.
  const utf8 = toNativeUtf8('héllo wörld 😀');
  const utf16 = toNativeUtf16('日本語 😀', malloc);
  check(utf8.toUtf8String() === 'héllo wörld 😀', 'UTF-8');
  check(Pointer.fromAddress(utf16.address, u16, utf16.count).toUtf16String() === '日本語 😀', 'UTF-16');
  free(utf8);
  free(utf16);
  // Bytes in bulk at the very ends of blocks, overlapping moves, and bit-fields in a struct's last unit.
  const block = malloc.alloc(u8, 4099);
  writeBytes(block, source);
  copyBytes(block.at(1), block, 4098);
  copyBytes(block, block.at(3), 4096);
  fillBytes(block.at(4098), 0x5a, 1);
  check(readBytes(block).length === 4099 && readBytes(block, 4099)[4098] === 0x5a, 'bulk bytes');
  free(block);
  expectUseAfterFree(() => writeBytes(block, source));
  const flags = calloc.alloc(FLAGS, 3);
  flags.at(2).ref.wide = 0x7fffffffn;
  flags.at(2).ref.last = -1;
  check(flags.at(2).ref.last === -1 && flags.at(2).ref.wide === 0x7fffffffn, 'bit-fields');
  free(flags);
  // Memory from C's own malloc, adopted with C's free: freed exactly once, by free().
  const adopted = adopt(cMalloc(48), cFree).cast(u8, 48);
  fillBytes(adopted, 1);
  free(adopted);
  expectUseAfterFree(() => adopted.get(0));
  using((arena) => arena.adopt(cMalloc(16), cFree));
  // A trailing array counted at allocation, written to its last element.
  const list = allocTrailing(malloc, PATH_LIST, 33);
  trailing(list).set(32, 0xffff);
  free(list);
}

if (process.env.FFI_ARENA_VALGRIND_CANARY === '1') {
  // Proof that memcheck watches: a foreign pointer is unchecked, so this reads freed memory.
  const block = calloc.alloc(u32, 4);
  const unchecked = Pointer.fromAddress(block.address, u32, 4);
  free(block);
  console.log(`canary read ${unchecked.get(0)}`);
}

Arena.releasePooledBlocks();
check(!LeakTracker.hasLeaks, 'nothing tracked is left');
console.log(`valgrind workload: ${ROUNDS} rounds done`);
