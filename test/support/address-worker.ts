// A worker that receives an address, wraps it with Pointer.fromAddress, reads and writes through it.
import { parentPort } from 'node:worker_threads';
import { Pointer, u32 } from '../../src/index.js';

parentPort!.on('message', (message: { address: bigint; count: number }) => {
  const numbers = Pointer.fromAddress(message.address, u32, message.count);
  const seen = Array.from({ length: numbers.count }, (_, i) => numbers.get(i));
  numbers.set(message.count - 1, 99);
  parentPort!.postMessage(seen);
});
