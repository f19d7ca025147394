// Manual lifetime management with try / finally: correct, exception-safe, and low-level.
// The seed's isWindowMaximized, on POSIX: one allocation, one call, one free.
import { adaptiveCalloc, free } from 'ffi-arena';
import { CLOCK_REALTIME, clock_gettime, timespec } from './libc.js';

export function currentTime(): Date {
  const now = adaptiveCalloc.alloc(timespec);
  try {
    if (clock_gettime(CLOCK_REALTIME, now) !== 0) throw new Error('clock_gettime failed');
    return new Date(Number(now.ref.tv_sec) * 1000 + Number(now.ref.tv_nsec) / 1e6);
  } finally {
    free(now);
  }
}

const time = currentTime();
const drift = Math.abs(time.getTime() - Date.now());
if (drift > 5000) throw new Error(`clock_gettime is ${drift} ms away from Date.now()`);
console.log(`try/finally: the time is ${time.toISOString()}`);
