// Scope-based lifetime management with an arena (recommended): several allocations, no frees,
// and every error path is covered. The seed's processCreationTime, on POSIX.
import { using } from 'ffi-arena';
import { CLOCK_PROCESS_CPUTIME_ID, clock_gettime, getrusage, RUSAGE_SELF, rusage, timespec } from './libc.js';

export function processCpuSeconds(): { user: number; system: number; total: number } {
  return using((arena) => {
    const usage = arena.alloc(rusage);
    const cpu = arena.alloc(timespec);
    if (getrusage(RUSAGE_SELF, usage) !== 0) throw new Error('getrusage failed');
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, cpu) !== 0) throw new Error('clock_gettime failed');
    const { ru_utime, ru_stime } = usage.ref;
    return {
      user: Number(ru_utime.tv_sec) + Number(ru_utime.tv_usec) / 1e6,
      system: Number(ru_stime.tv_sec) + Number(ru_stime.tv_usec) / 1e6,
      total: Number(cpu.ref.tv_sec) + Number(cpu.ref.tv_nsec) / 1e9,
    };
  });
}

const seconds = processCpuSeconds();
if (!(seconds.total > 0 && seconds.user + seconds.system <= seconds.total + 0.05)) {
  throw new Error(`implausible CPU times: ${JSON.stringify(seconds)}`);
}
console.log(
  `using(): this process used ${seconds.total.toFixed(3)} s of CPU (${seconds.user.toFixed(3)} s user)`,
);
