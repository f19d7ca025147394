import {
  type Allocator,
  type AnyType,
  calloc,
  malloc,
  type Pointer,
  type SizedType,
  type VoidType,
} from '../../src/index.js';

/** An allocator over calloc or malloc that counts what it handed out and what came back. */
export class CountingAllocator implements Allocator {
  readonly name = 'counting';
  allocations = 0;
  frees = 0;
  /** Bytes handed out and not yet given back. */
  liveBytes = 0;
  constructor(private readonly inner: Allocator = calloc) {}

  get zeroesMemory(): boolean {
    return this.inner === calloc;
  }

  /** Allocations not yet freed. */
  get live(): number {
    return this.allocations - this.frees;
  }

  allocate(byteCount: number, alignment?: number): Pointer<VoidType> {
    const pointer = this.inner.allocate(byteCount, alignment);
    this.allocations++;
    this.liveBytes += pointer.byteLength;
    return pointer;
  }

  alloc<T extends SizedType>(type: T, count?: number): Pointer<T> {
    const pointer = this.inner.alloc(type, count);
    this.allocations++;
    this.liveBytes += pointer.byteLength;
    return pointer;
  }

  free(pointer: Pointer<AnyType>): void {
    this.inner.free(pointer);
    this.frees++;
    this.liveBytes -= pointer.byteLength;
  }
}

/** A counting allocator over malloc, whose memory is not zeroed. */
export function countingMalloc(): CountingAllocator {
  return new CountingAllocator(malloc);
}
