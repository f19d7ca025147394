// C baselines for `npm run bench`: the same operations as the JavaScript benchmarks, in C.
// Prints one JSON object: { "name": [nanoseconds per operation, one per round], ... }. The cases
// alternate round by round, so a moment of machine noise hits all of them alike.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct { uint32_t dwLowDateTime; uint32_t dwHighDateTime; } FILETIME;

static void *volatile sink;

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static double calloc_free(long n) {
  double start = now_ns();
  for (long i = 0; i < n; i++) {
    FILETIME *p = calloc(1, sizeof(FILETIME));
    sink = p;
    free(p);
  }
  return (now_ns() - start) / n;
}

static double calloc_write_free(long n) {
  double start = now_ns();
  for (long i = 0; i < n; i++) {
    FILETIME *volatile p = calloc(1, sizeof(FILETIME));
    p->dwLowDateTime = (uint32_t)i;
    sink = p;
    free(p);
  }
  return (now_ns() - start) / n;
}

static double four_calloc_free(long n) {
  double start = now_ns();
  for (long i = 0; i < n; i++) {
    FILETIME *volatile p[4];
    for (int k = 0; k < 4; k++) {
      p[k] = calloc(1, sizeof(FILETIME));
      p[k]->dwLowDateTime = (uint32_t)i;
    }
    for (int k = 0; k < 4; k++) free(p[k]);
  }
  return (now_ns() - start) / n;
}

// The same without volatile: the pointers are kept in a global sink, the compiler optimises the rest.
static void *four_sink[4];

static double four_calloc_free_plain(long n) {
  double start = now_ns();
  for (long i = 0; i < n; i++) {
    for (int k = 0; k < 4; k++) {
      FILETIME *p = calloc(1, sizeof(FILETIME));
      p->dwLowDateTime = (uint32_t)i;
      four_sink[k] = p;
    }
    for (int k = 0; k < 4; k++) free(four_sink[k]);
  }
  return (now_ns() - start) / n;
}

static double field_read_write(long n) {
  FILETIME *volatile p = calloc(1, sizeof(FILETIME));
  double start = now_ns();
  for (long i = 0; i < n; i++) p->dwLowDateTime = p->dwHighDateTime + (uint32_t)(i & 1);
  double result = (now_ns() - start) / n;
  free(p);
  return result;
}

static double clock_gettime_call(long n) {
  struct timespec t;
  double start = now_ns();
  for (long i = 0; i < n; i++) {
    clock_gettime(CLOCK_MONOTONIC, &t);
    sink = &t;
  }
  return (now_ns() - start) / n;
}

#define ROUNDS 7
#define CASES 6

static const char *const names[CASES] = {
    "calloc+free", "calloc+write+free", "4x(calloc+write)+free", "4x(calloc+write)+free, no volatile",
    "field read+write", "clock_gettime"};

static double run_case(int which, long n) {
  switch (which) {
  case 0: return calloc_free(n);
  case 1: return calloc_write_free(n);
  case 2: return four_calloc_free(n / 4);
  case 3: return four_calloc_free_plain(n / 4);
  case 4: return field_read_write(n * 5);
  default: return clock_gettime_call(n / 4);
  }
}

int main(void) {
  long n = 20000000 / ROUNDS;
  double samples[CASES][ROUNDS];
  calloc_free(n); // warm up the allocator
  for (int round = 0; round < ROUNDS; round++)
    for (int which = 0; which < CASES; which++) samples[which][round] = run_case(which, n);
  printf("{");
  for (int which = 0; which < CASES; which++) {
    printf("%s\"%s\": [", which == 0 ? "" : ", ", names[which]);
    for (int round = 0; round < ROUNDS; round++) printf("%s%.3f", round == 0 ? "" : ", ", samples[which][round]);
    printf("]");
  }
  printf("}\n");
  return 0;
}
