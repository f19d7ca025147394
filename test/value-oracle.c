/* The value oracle's C side: writes known values for ffi-arena to read, and checks field by field
 * the values ffi-arena wrote. Built with gcc by value-oracle.test.ts, and with mingw (a DLL) by
 * scripts/test-win32.sh for the same test under Windows. */
/* (mingw exports every function of a DLL that marks none with dllexport.) */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

typedef struct { int32_t x; int32_t y; } Point;
typedef struct {
  uint8_t u8; int8_t i8; uint16_t u16; int16_t i16; uint32_t u32; int32_t i32;
  uint64_t u64; int64_t i64; float f32; double f64; _Bool b; size_t usize; ptrdiff_t isize;
  void *ptr; Point pt; int16_t arr[3]; union { uint32_t word; uint8_t bytes[4]; } u;
} AllTypes;

size_t all_types_size(void) { return sizeof(AllTypes); }

/* which 0: minimums and special floats; which 1: maximums. */
void fill(AllTypes *p, int which) {
  if (which == 0) {
    p->u8 = 0; p->i8 = INT8_MIN; p->u16 = 0; p->i16 = INT16_MIN; p->u32 = 0; p->i32 = INT32_MIN;
    p->u64 = 0; p->i64 = INT64_MIN; p->f32 = NAN; p->f64 = -0.0; p->b = 0; p->usize = 0;
    p->isize = PTRDIFF_MIN; p->ptr = 0; p->pt.x = -1; p->pt.y = INT32_MIN;
    p->arr[0] = -1; p->arr[1] = INT16_MIN; p->arr[2] = 0; p->u.word = 0x01020304u;
  } else {
    p->u8 = UINT8_MAX; p->i8 = INT8_MAX; p->u16 = UINT16_MAX; p->i16 = INT16_MAX; p->u32 = UINT32_MAX;
    p->i32 = INT32_MAX; p->u64 = UINT64_MAX; p->i64 = INT64_MAX; p->f32 = -INFINITY; p->f64 = 1.7976931348623157e308;
    p->b = 1; p->usize = SIZE_MAX; p->isize = PTRDIFF_MAX; p->ptr = p; p->pt.x = INT32_MAX; p->pt.y = 7;
    p->arr[0] = INT16_MAX; p->arr[1] = 1; p->arr[2] = -2; p->u.word = 0xdeadbeefu;
  }
}

/* Returns a bit mask of the fields that differ from what the test writes for 'which'. */
uint32_t check(const AllTypes *p, int which) {
  uint32_t bad = 0; int bit = 0;
#define CHECK(cond) do { if (!(cond)) bad |= 1u << bit; bit++; } while (0)
  if (which == 0) {
    CHECK(p->u8 == 0); CHECK(p->i8 == INT8_MIN); CHECK(p->u16 == 0); CHECK(p->i16 == INT16_MIN);
    CHECK(p->u32 == 0); CHECK(p->i32 == INT32_MIN); CHECK(p->u64 == 0); CHECK(p->i64 == INT64_MIN);
    CHECK(isnan(p->f32)); CHECK(p->f64 == 0 && signbit(p->f64)); CHECK(p->b == 0); CHECK(p->usize == 0);
    CHECK(p->isize == PTRDIFF_MIN); CHECK(p->ptr == 0); CHECK(p->pt.x == -1 && p->pt.y == INT32_MIN);
    CHECK(p->arr[0] == -1 && p->arr[1] == INT16_MIN && p->arr[2] == 0); CHECK(p->u.bytes[0] == 4);
  } else {
    CHECK(p->u8 == UINT8_MAX); CHECK(p->i8 == INT8_MAX); CHECK(p->u16 == UINT16_MAX); CHECK(p->i16 == INT16_MAX);
    CHECK(p->u32 == UINT32_MAX); CHECK(p->i32 == INT32_MAX); CHECK(p->u64 == UINT64_MAX); CHECK(p->i64 == INT64_MAX);
    CHECK(p->f32 == 16777216.0f); CHECK(p->f64 == 1.7976931348623157e308); CHECK(p->b == 1);
    CHECK(p->usize == SIZE_MAX); CHECK(p->isize == PTRDIFF_MAX); CHECK(p->ptr == p);
    CHECK(p->pt.x == INT32_MAX && p->pt.y == 7); CHECK(p->arr[0] == INT16_MAX && p->arr[1] == 1 && p->arr[2] == -2);
    CHECK(p->u.word == 0xdeadbeefu);
  }
  return bad;
}

int64_t point_sum(Point pt) { return (int64_t)pt.x + pt.y; }
Point point_make(int32_t x, int32_t y) { Point p = { x, y }; return p; }
