// The libc functions and structs the examples call, declared with koffi and ffi-arena types.
import { array, i64, struct } from 'ffi-arena';
import koffi from 'koffi';

/** `struct timespec` on 64-bit Linux. */
export const timespec = struct('timespec', { tv_sec: i64, tv_nsec: i64 });
/** `struct timeval` on 64-bit Linux. */
export const timeval = struct('timeval', { tv_sec: i64, tv_usec: i64 });
/** `struct rusage`: user and system CPU time, then fourteen `long` counters. */
export const rusage = struct('rusage', { ru_utime: timeval, ru_stime: timeval, counters: array(i64, 14) });

const libc = koffi.load('libc.so.6');
export const CLOCK_REALTIME = 0;
export const CLOCK_PROCESS_CPUTIME_ID = 2;
export const RUSAGE_SELF = 0;

/** `int clock_gettime(clockid_t, struct timespec *)`: pointers are passed as `pointer.address`. */
export const clock_gettime = libc.func('int clock_gettime(int clock, void *ts)') as (
  clock: number,
  ts: bigint,
) => number;
export const getrusage = libc.func('int getrusage(int who, void *usage)') as (
  who: number,
  usage: bigint,
) => number;
export const gethostname = libc.func('int gethostname(void *name, size_t len)') as (
  name: bigint,
  len: number,
) => number;
export const strlen = libc.func('size_t strlen(void *s)') as (s: bigint) => number;
