// The C side of the declared-function tests: every C type name in arguments and results, structs
// by value and by pointer, opaque handles, T** out-parameters, errno. Built with gcc on Linux and
// with mingw as a DLL for the Wine lane, so each platform's own C sizes are the oracle.
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <sys/types.h>

#ifdef _WIN32
#define EXPORT __declspec(dllexport)
typedef ptrdiff_t ssize_t_;
#else
#define EXPORT
typedef ssize_t ssize_t_;
#endif

// sizeof of every C type name ffi-arena knows, by name; 0 for an unknown name.
EXPORT size_t c_sizeof(const char *name) {
#define SIZE(T) if (strcmp(name, #T) == 0) return sizeof(T)
  SIZE(char); SIZE(signed char); SIZE(unsigned char);
  SIZE(short); SIZE(short int); SIZE(signed short); SIZE(signed short int);
  SIZE(unsigned short); SIZE(unsigned short int);
  SIZE(int); SIZE(signed); SIZE(signed int); SIZE(unsigned); SIZE(unsigned int);
  SIZE(long); SIZE(long int); SIZE(signed long); SIZE(signed long int);
  SIZE(unsigned long); SIZE(unsigned long int);
  SIZE(long long); SIZE(long long int); SIZE(signed long long); SIZE(signed long long int);
  SIZE(unsigned long long); SIZE(unsigned long long int);
  SIZE(float); SIZE(double); SIZE(bool); SIZE(_Bool); SIZE(wchar_t);
  SIZE(size_t); SIZE(intptr_t); SIZE(uintptr_t); SIZE(ptrdiff_t);
  SIZE(int8_t); SIZE(uint8_t); SIZE(int16_t); SIZE(uint16_t);
  SIZE(int32_t); SIZE(uint32_t); SIZE(int64_t); SIZE(uint64_t);
  if (strcmp(name, "ssize_t") == 0) return sizeof(ssize_t_);
  if (strcmp(name, "char16_t") == 0) return sizeof(uint_least16_t);
  if (strcmp(name, "char32_t") == 0) return sizeof(uint_least32_t);
  return 0;
#undef SIZE
}

// Each type through a call and back, changed so that an identity bug cannot pass: + 1, wrapping.
#define NEXT(T, NAME) EXPORT T next_##NAME(T v) { return (T)(v + 1); }
NEXT(char, char)
NEXT(signed char, schar)
NEXT(unsigned char, uchar)
NEXT(short, short)
NEXT(unsigned short, ushort)
NEXT(int, int)
NEXT(unsigned int, uint)
NEXT(long, long)
NEXT(unsigned long, ulong)
NEXT(long long, llong)
NEXT(unsigned long long, ullong)
NEXT(size_t, size)
NEXT(ssize_t_, ssize)
NEXT(intptr_t, intptr)
NEXT(uintptr_t, uintptr)
NEXT(ptrdiff_t, ptrdiff)
NEXT(int8_t, i8)
NEXT(uint8_t, u8)
NEXT(int16_t, i16)
NEXT(uint16_t, u16)
NEXT(int32_t, i32)
NEXT(uint32_t, u32)
NEXT(int64_t, i64)
NEXT(uint64_t, u64)
NEXT(float, float)
NEXT(double, double)
EXPORT bool not_bool(bool v) { return !v; }
EXPORT _Bool is_even(int v) { return v % 2 == 0; }
EXPORT long long_min(void) { return LONG_MIN; }
EXPORT unsigned long ulong_max(void) { return ULONG_MAX; }
EXPORT void nothing(void) {}

// Many arguments of mixed classes: integers and floating point registers, then the stack.
EXPORT double mixed(char a, unsigned short b, int c, long d, long long e, float f, double g,
                    uint8_t h, int64_t i, size_t j, double k, bool l) {
  return a + b + c + (double)d + (double)e + f + g + h + (double)i + (double)j + k + (l ? 1000 : 0);
}

// Strings: bytes and wide characters (UTF-32 on Linux, UTF-16 on Windows).
EXPORT size_t byte_length(const char *s) { return strlen(s); }
EXPORT size_t wide_length(const wchar_t *s) { return wcslen(s); }
EXPORT unsigned long wide_sum(const wchar_t *s) {
  unsigned long sum = 0;
  for (; *s; s++) sum += (unsigned long)*s;
  return sum;
}

// Structs by value and by pointer.
struct pair { int key; double value; };
EXPORT struct pair make_pair(int key, double value) { struct pair p = { key, value }; return p; }
EXPORT double pair_sum(struct pair p) { return p.key + p.value; }
EXPORT void pair_scale(struct pair *p, int factor) { p->key *= factor; p->value *= factor; }

struct record { int64_t id; const char *name; uint8_t flags[4]; uint32_t count; };
EXPORT struct record make_record(int64_t id, const char *name) {
  struct record r = { id, name, { 1, 2, 3, 4 }, 7 };
  return r;
}
EXPORT size_t record_weight(struct record r) {
  return (size_t)r.id + strlen(r.name) + r.flags[0] + r.flags[3] + r.count;
}

// const pointers: the callee only reads through them, so a JavaScript value may be copied for the
// call. Each remembers where it read, so a test can look at the copy after the call.
static const void *last_read = NULL;
EXPORT const void *last_read_address(void) { return last_read; }
EXPORT double pair_total(const struct pair *p) { last_read = p; return p->key + p->value; }
EXPORT size_t record_weight_at(const struct record *r) { last_read = r; return record_weight(*r); }
union number { int32_t i; double d; };
EXPORT double number_as_double(const union number *n) { last_read = n; return n->d; }
#pragma pack(push, 1)
struct packed5 { uint8_t a; uint32_t b; };
struct packed19 { uint8_t a; double b; double c; uint16_t d; };
#pragma pack(pop)
EXPORT uint32_t packed5_sum(struct packed5 p) { return p.a + p.b; }
EXPORT double packed19_sum(struct packed19 p) { return p.a + p.b + p.c + p.d; }
EXPORT int32_t number_low_bits(union number n) { return n.i; }
EXPORT double number_by_value(union number n) { return n.d; }
// FNV-1a over n bytes: any byte out of place changes it.
EXPORT uint32_t bytes_checksum(const void *bytes, size_t n) {
  const unsigned char *b = bytes;
  uint32_t hash = 2166136261u;
  for (size_t i = 0; i < n; i++) hash = (hash ^ b[i]) * 16777619u;
  last_read = bytes;
  return hash;
}
EXPORT uint32_t u8_checksum(const uint8_t *bytes, size_t n) { return bytes_checksum(bytes, n); }
// Non-const: the callee writes, so only memory the caller allocated will do.
EXPORT void bytes_fill(void *bytes, size_t n, int value) { memset(bytes, value, n); }

// An opaque handle, and a second one that must not be confused with it.
struct counter { int next; };
struct other { int unused; };
EXPORT struct counter *counter_new(int start) {
  struct counter *c = malloc(sizeof *c);
  c->next = start;
  return c;
}
EXPORT int counter_next(struct counter *c) { return c->next++; }
EXPORT void counter_free(struct counter *c) { free(c); }
EXPORT int counter_open(int start, struct counter **out) {
  if (out == NULL) return -1;
  *out = counter_new(start);
  return 0;
}
EXPORT struct other *other_new(void) { return calloc(1, sizeof(struct other)); }
EXPORT void other_free(struct other *o) { free(o); }

// A linked list made by native code through a T** out-parameter, freed by its own function.
struct node { int value; struct node *next; };
static int nodes_freed = 0;
EXPORT int list_make(int n, struct node **head) {
  *head = NULL;
  for (int i = n; i > 0; i--) {
    struct node *node = malloc(sizeof *node);
    if (node == NULL) return -1;
    node->value = i * i;
    node->next = *head;
    *head = node;
  }
  return n;
}
EXPORT void list_free(struct node *head) {
  while (head != NULL) {
    struct node *next = head->next;
    free(head);
    nodes_freed++;
    head = next;
  }
}
EXPORT int list_nodes_freed(void) { return nodes_freed; }

// errno: set on purpose, as a failing libc call would.
EXPORT int fail_with_errno(int code) { errno = code; return -1; }
EXPORT int succeed_without_errno(void) { return 0; }

// enums are int-sized.
enum color { RED, GREEN = 5, BLUE };
EXPORT enum color next_color(enum color c) { return c == GREEN ? BLUE : GREEN; }

// Callbacks: called during the call (transient), stored and called later, from another thread.
typedef int (*int_fn)(int);
EXPORT int apply(int_fn fn, int v) { return fn(v); }
static int_fn stored = NULL;
EXPORT void store_callback(int_fn fn) { stored = fn; }
EXPORT int call_stored(int v) { return stored == NULL ? -1 : stored(v); }
EXPORT int64_t apply_i64(int64_t (*fn)(int64_t), int64_t v) { return fn(v); }
EXPORT int apply_u8(uint8_t (*fn)(int), int v) { return fn(v); }
EXPORT int visit_pairs(struct pair *items, int n, int (*visit)(struct pair *item, int index)) {
  int sum = 0;
  for (int i = 0; i < n; i++) sum += visit(&items[i], i);
  return sum;
}
struct handler { int id; int_fn fn; };
EXPORT int call_handler(const struct handler *h, int v) {
  int result = h->fn(v) + h->id;
  last_read = h; // after the callback, which may have called call_handler itself
  return result;
}
EXPORT int_fn get_stored(void) { return stored; }

// The thread is joined by join_thread(), so that it has left the callback's trampoline before the
// process may exit (a thread still returning through koffi at exit crashes the process).
#ifdef _WIN32
#include <windows.h>
struct thread_call { int_fn fn; int v; };
static HANDLE last_thread = NULL;
static DWORD WINAPI thread_main(LPVOID arg) {
  struct thread_call *call = arg;
  call->fn(call->v);
  free(call);
  return 0;
}
EXPORT void call_from_thread(int_fn fn, int v) {
  struct thread_call *call = malloc(sizeof *call);
  call->fn = fn;
  call->v = v;
  last_thread = CreateThread(NULL, 0, thread_main, call, 0, NULL);
}
EXPORT void join_thread(void) {
  WaitForSingleObject(last_thread, INFINITE);
  CloseHandle(last_thread);
}
#else
#include <pthread.h>
struct thread_call { int_fn fn; int v; };
static pthread_t last_thread;
static void *thread_main(void *arg) {
  struct thread_call *call = arg;
  call->fn(call->v);
  free(call);
  return NULL;
}
EXPORT void call_from_thread(int_fn fn, int v) {
  struct thread_call *call = malloc(sizeof *call);
  call->fn = fn;
  call->v = v;
  pthread_create(&last_thread, NULL, thread_main, call);
}
EXPORT void join_thread(void) { pthread_join(last_thread, NULL); }
#endif
