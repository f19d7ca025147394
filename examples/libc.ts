// The libc functions and structs the examples call, declared from their C declarations.
import { array, cType, library, struct } from 'ffi-arena';

const long = cType('long');
/** `struct timespec`, with the platform's `long` (`time_t` is a `long` on glibc). */
export const timespec = struct('timespec', { tv_sec: long, tv_nsec: long });
/** `struct timeval`. */
export const timeval = struct('timeval', { tv_sec: long, tv_usec: long });
/** `struct rusage`: user and system CPU time, then fourteen `long` counters. */
export const rusage = struct('rusage', { ru_utime: timeval, ru_stime: timeval, counters: array(long, 14) });

export const libc = library('libc.so.6');
export const CLOCK_REALTIME = 0;
export const CLOCK_PROCESS_CPUTIME_ID = 2;
export const RUSAGE_SELF = 0;

export const clock_gettime = libc.func('int clock_gettime(int clock, struct timespec *tp)', {
  types: { timespec },
});
export const getrusage = libc.func('int getrusage(int who, struct rusage *usage)', { types: { rusage } });
export const gethostname = libc.func('int gethostname(char *name, size_t len)');
export const strlen = libc.func('size_t strlen(const char *s)');
