// Multiple lifetimes with nested arenas: the inner scope frees its temporaries at its end, the
// outer allocation lives on until the outer scope ends.
import { type Pointer, UseAfterFreeError, u32, using } from 'ffi-arena';

let escaped: Pointer<typeof u32> | undefined;

using((outerArena) => {
  const globalPtr = outerArena.alloc(u32);

  using((innerArena) => {
    const temp = innerArena.alloc(u32);
    temp.value = 41;
    globalPtr.value = temp.value + 1;
    escaped = temp; // the mistake the seed warns about: keeping an arena pointer
  }); // temp freed here

  console.log(`nested arenas: globalPtr is still valid and holds ${globalPtr.value}`);
  try {
    escaped?.value;
  } catch (error) {
    if (!(error instanceof UseAfterFreeError)) throw error;
    console.log(`nested arenas: the escaped pointer is refused: ${error.message}`);
  }
}); // globalPtr freed here
