// The seed's mixed strategies: a long-lived global buffer from adaptiveCalloc, freed at cleanup,
// and a short-lived temporary in an arena for each call.
import { adaptiveCalloc, free, type Pointer, using } from 'ffi-arena';
import { DWORD, MAX_PATH, WCHAR, win32Library } from 'ffi-arena/win32';

// Not among the functions ffi-arena/win32 declares: declared here, as users do.
const GetModuleFileNameW = win32Library('kernel32.dll').func<
  (hModule: bigint | null, lpFilename: Pointer<typeof WCHAR>, nSize: number) => { value: number }
>('DWORD GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize)', { setsLastError: true });

let globalBuffer: Pointer<typeof WCHAR> | undefined;

export function setup(): void {
  globalBuffer = adaptiveCalloc.alloc(WCHAR, MAX_PATH);
}

function copyToBuffer(temp: Pointer<typeof DWORD>, buffer: Pointer<typeof WCHAR>): void {
  temp.value = GetModuleFileNameW(null, buffer, MAX_PATH).value;
  if (temp.value === 0) throw new Error('GetModuleFileNameW failed');
}

/** The path of the running executable, read into the global buffer through a scoped temporary. */
export function processImagePath(): string {
  const buffer = globalBuffer;
  if (buffer === undefined) throw new Error('call setup() first');
  return using((arena) => {
    const temp = arena.alloc(DWORD);
    copyToBuffer(temp, buffer);
    return buffer.toUtf16String(temp.value);
  });
}

export function cleanup(): void {
  if (globalBuffer !== undefined) free(globalBuffer);
  globalBuffer = undefined;
}
