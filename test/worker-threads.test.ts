// Pointers and arenas cannot cross a thread boundary as objects (structured clone would copy
// their 4 GiB memory view and crash); their addresses can.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { Arena, calloc, free, struct, u32 } from '../src/index.js';

const GUARD = /ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress/;

test('pointers, views, arenas and types refuse to be cloned, with a message that says what to do', () => {
  const UNUSED = struct('UNUSED', { a: u32 }); // a type never accessed before: the dangerous case
  const p = calloc.alloc(UNUSED);
  const arena = new Arena();
  for (const value of [p, p.ref, arena, UNUSED, calloc.alloc(u32, 2)]) {
    assert.throws(() => structuredClone(value), GUARD);
  }
  const { port1 } = new MessageChannel();
  assert.throws(() => port1.postMessage(p), GUARD);
  port1.close();
  arena.releaseAll();
  free(p);
});

test('an address sent to a worker reads and writes the same memory', async () => {
  const numbers = calloc.alloc(u32, 4);
  [10, 20, 30, 40].forEach((v, i) => {
    numbers.set(i, v);
  });
  const worker = new Worker(join(dirname(fileURLToPath(import.meta.url)), 'support', 'address-worker.js'));
  try {
    const seen = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage({ address: numbers.address, count: numbers.count });
    });
    assert.deepEqual(seen, [10, 20, 30, 40]);
    assert.equal(numbers.get(3), 99, 'the worker wrote through its own pointer');
  } finally {
    await worker.terminate();
    free(numbers);
  }
});
