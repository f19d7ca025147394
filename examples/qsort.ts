// qsort from the C library with a JavaScript comparator: the comparator's parameters arrive as
// typed pointers to the structs being sorted, valid while it runs.
import { callbackType, f64, i32, library, sizeOf, struct, using } from 'ffi-arena';

const item = struct('item', { key: i32, value: f64 });
const CmpFn = callbackType('int CmpFn(const struct item *a, const struct item *b)', { types: { item } });
const qsort = library('libc.so.6').func('void qsort(void *base, size_t count, size_t size, CmpFn *compar)', {
  types: { CmpFn },
});

const keys = [42, 7, 19, 3, 88, 7, 64, 1, 25, 50];
const sorted = using((arena) => {
  const items = arena.alloc(item, keys.length);
  keys.forEach((key, index) => {
    items.at(index).value = { key, value: key / 10 };
  });
  let comparisons = 0;
  qsort(items, keys.length, sizeOf(item), (a, b) => {
    comparisons++;
    return a.ref.key - b.ref.key; // a and b are Pointer<item>: no address arithmetic, no casts
  });
  return { keys: Array.from({ length: keys.length }, (_, i) => items.at(i).ref.key), comparisons };
});

const expected = [...keys].sort((a, b) => a - b);
if (sorted.keys.join() !== expected.join()) throw new Error(`not sorted: ${sorted.keys.join(', ')}`);
console.log(`qsort: ${sorted.keys.join(' ')} (${sorted.comparisons} calls of a JavaScript comparator)`);
