// The seed's nested arenas: an inner using() frees its temporaries at its own end, while the
// outer arena's pointer stays valid until the outer scope ends.
import { type Pointer, using } from 'ffi-arena';
import { DWORD, GetLastError, SetLastError } from 'ffi-arena/win32';

/** Returns what the outer pointer held after the inner scope, and the escaped inner pointer. */
export function nestedArenas(): { outerValue: number; escaped: Pointer<typeof DWORD> } {
  let escaped: Pointer<typeof DWORD> | undefined;
  const outerValue = using((outerArena) => {
    const globalPtr = outerArena.alloc(DWORD);

    using((innerArena) => {
      const temp = innerArena.alloc(DWORD);
      // temp is valid only within this block
      SetLastError(42);
      temp.value = GetLastError();
      globalPtr.value = temp.value;
      escaped = temp;
    }); // temp freed here

    return globalPtr.value; // globalPtr remains valid
  }); // globalPtr freed here
  return { outerValue, escaped: escaped as Pointer<typeof DWORD> };
}
