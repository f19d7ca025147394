// Random sequences of operations against a model: allocate through every allocator, write and
// read back, derive pointers, open and close nested arenas, free, free twice, use after release.
// Invariants: no crash; every read returns what the model says; every access to freed memory
// throws UseAfterFreeError; every double free throws DoubleFreeError; the leak tracker's live
// set matches the model's; and at the end the C heap is back where it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  type Allocator,
  Arena,
  adaptiveCalloc,
  array,
  calloc,
  DoubleFreeError,
  diagnosticCalloc,
  free,
  LeakTracker,
  malloc,
  type Pointer,
  struct,
  UseAfterFreeError,
  u8,
  u16,
  u32,
} from '../../src/index.js';
import { heapBaseline } from '../support/heap-baseline.js';
import { seedFromEnvironment } from '../support/random.js';

const RECORD = struct('RECORD', { id: u32, flags: u8, name: array(u16, 3) });
const ALLOCATORS: readonly Allocator[] = [calloc, malloc, adaptiveCalloc, diagnosticCalloc];

/** A block the model knows: its pointer, who owns it, and the u8 values written so far. */
interface Block {
  readonly pointer: Pointer<typeof u8>;
  readonly arena: Arena | undefined;
  readonly zeroed: boolean;
  readonly written: Map<number, number>;
  live: boolean;
}

type Operation =
  | { kind: 'allocate'; allocator: number; count: number }
  | { kind: 'arena-allocate'; count: number }
  | { kind: 'write'; block: number; index: number; value: number }
  | { kind: 'read'; block: number; index: number }
  | { kind: 'record'; block: number; id: number }
  | { kind: 'free'; block: number }
  | { kind: 'open-arena' }
  | { kind: 'close-arena' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('allocate'),
    allocator: fc.nat(ALLOCATORS.length - 1),
    count: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant('arena-allocate'), count: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('write'), block: fc.nat(), index: fc.nat(60), value: fc.nat(255) }),
  fc.record({ kind: fc.constant('read'), block: fc.nat(), index: fc.nat(60) }),
  fc.record({ kind: fc.constant('record'), block: fc.nat(), id: fc.nat() }),
  fc.record({ kind: fc.constant('free'), block: fc.nat() }),
  fc.record({ kind: fc.constant('open-arena') }),
  fc.record({ kind: fc.constant('close-arena') }),
) as fc.Arbitrary<Operation>;

class Model {
  readonly blocks: Block[] = [];
  readonly arenas: Arena[] = [];

  pick(index: number): Block | undefined {
    return this.blocks.length === 0 ? undefined : this.blocks[index % this.blocks.length];
  }

  apply(op: Operation): void {
    switch (op.kind) {
      case 'allocate': {
        const allocator = ALLOCATORS[op.allocator]!;
        const pointer = allocator.alloc(u8, op.count);
        this.blocks.push({
          pointer,
          arena: undefined,
          zeroed: allocator !== malloc,
          written: new Map(),
          live: true,
        });
        return;
      }
      case 'arena-allocate': {
        const arena = this.arenas.at(-1);
        if (arena === undefined) return;
        this.blocks.push({
          pointer: arena.alloc(u8, op.count),
          arena,
          zeroed: true,
          written: new Map(),
          live: true,
        });
        return;
      }
      case 'write':
        this.write(op.block, op.index, op.value);
        return;
      case 'read':
        this.read(op.block, op.index);
        return;
      case 'record':
        this.writeRecord(op.block, op.id);
        return;
      case 'free':
        this.free(op.block);
        return;
      case 'open-arena':
        this.arenas.push(new Arena(this.arenas.length % 2 === 0 ? calloc : adaptiveCalloc));
        return;
      case 'close-arena': {
        const arena = this.arenas.pop();
        if (arena === undefined) return;
        arena.releaseAll();
        for (const block of this.blocks) if (block.arena === arena) block.live = false;
        return;
      }
    }
  }

  private write(which: number, index: number, value: number): void {
    const block = this.pick(which);
    if (block === undefined) return;
    const inBounds = index < block.pointer.count;
    if (!block.live) {
      assert.throws(
        () => block.pointer.set(index % Math.max(1, block.pointer.count), value),
        UseAfterFreeError,
      );
    } else if (!inBounds) {
      assert.throws(() => block.pointer.set(index, value), /out of bounds/);
    } else {
      block.pointer.at(index).value = value; // through a derived pointer
      block.written.set(index, value);
    }
  }

  private read(which: number, index: number): void {
    const block = this.pick(which);
    if (block === undefined) return;
    if (!block.live) {
      assert.throws(() => block.pointer.cast(u8).get(0), UseAfterFreeError);
      return;
    }
    if (index >= block.pointer.count) return;
    const expected = block.written.get(index) ?? (block.zeroed ? 0 : undefined);
    if (expected !== undefined) assert.equal(block.pointer.get(index), expected);
  }

  private writeRecord(which: number, id: number): void {
    const block = this.pick(which);
    if (block === undefined || block.pointer.byteLength < RECORD.size) return;
    if (!block.live) {
      assert.throws(() => block.pointer.cast(RECORD, 1), UseAfterFreeError); // deriving is refused too
      return;
    }
    const record = block.pointer.cast(RECORD, 1);
    record.ref.id = id >>> 0;
    record.ref.name.set(2, id & 0xffff);
    assert.equal(record.ref.id, id >>> 0);
    assert.equal(record.ref.name.get(2), id & 0xffff);
    const bytes = block.pointer.cast(u8);
    for (let i = 0; i < RECORD.size; i++) block.written.set(i, bytes.get(i));
  }

  private free(which: number): void {
    const block = this.pick(which);
    if (block === undefined) return;
    if (block.arena !== undefined) {
      assert.throws(
        () => free(block.pointer),
        block.live ? /belongs to arena/ : /belongs to arena|was released/,
      );
    } else if (!block.live) {
      assert.throws(() => free(block.pointer), DoubleFreeError);
    } else {
      free(block.pointer);
      block.live = false;
    }
  }

  /** What the leak tracker must see as live: system blocks not freed, and open arenas. */
  expectedLive(): number {
    return this.blocks.filter((b) => b.live && b.arena === undefined).length + this.arenas.length;
  }

  cleanUp(): void {
    for (const block of this.blocks) if (block.live && block.arena === undefined) free(block.pointer);
    for (const arena of this.arenas.reverse()) arena.releaseAll();
  }
}

const seed = seedFromEnvironment(424242);
const runs = Number(process.env.FFI_ARENA_PROPERTY_RUNS ?? 10_000);

test(`${runs} random operation sequences keep every invariant (seed ${seed})`, () => {
  const backToBaseline = heapBaseline();
  fc.assert(
    fc.property(fc.array(operation, { maxLength: 30, size: 'max' }), (operations) => {
      const model = new Model();
      const leaks = LeakTracker.track(() => {
        for (const op of operations) model.apply(op);
        assert.equal(LeakTracker.track(() => {}).length, 0);
      });
      assert.equal(leaks.length, model.expectedLive(), 'the tracker sees what the model sees');
      model.cleanUp();
      assert.equal(LeakTracker.live().length, 0, 'nothing is left once everything is freed');
    }),
    { seed, numRuns: runs },
  );
  backToBaseline(`${runs} sequences`);
});
