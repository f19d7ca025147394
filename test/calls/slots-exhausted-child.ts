// Run in a child process by callbacks.test.ts: registers callbacks until no slot is left, and
// prints the typed error, which must say how many are live and where they were registered.
import { callbackType, LeakTracker, registerCallback } from '../../src/index.js';

LeakTracker.enabled = true;
const IntFn = callbackType('int IntFn(int v)');
const held: unknown[] = [];
try {
  for (let i = 0; i < 10_000; i++) held.push(registerCallback(IntFn, (v) => v + i));
  console.log('no error after 10,000 live callbacks');
} catch (error) {
  const { code, message } = error as { code?: string; message?: string };
  console.log(`${held.length} ${code}: ${message}`);
}
