// A file written and read back through kernel32: the handle is adopted by the arena (CloseHandle
// runs when it is released), the bytes go through arena memory.
import { readBytes, u8, using, writeBytes } from 'ffi-arena';
import { DWORD, WindowsException } from 'ffi-arena/win32';
import {
  CloseHandle,
  CREATE_ALWAYS,
  CreateFileW,
  FILE_ATTRIBUTE_NORMAL,
  FILE_BEGIN,
  GENERIC_READ,
  GENERIC_WRITE,
  INVALID_HANDLE_VALUE,
  ReadFile,
  SetFilePointer,
  WriteFile,
} from 'ffi-arena/win32/api';

export function fileRoundTrip(path: string, text: string): string {
  return using((arena) => {
    const access = (GENERIC_READ | GENERIC_WRITE) >>> 0; // a DWORD: JavaScript's | gives a signed int
    const opened = CreateFileW(path, access, 0, null, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, null);
    if (opened.value === INVALID_HANDLE_VALUE) throw new WindowsException(opened.error.toHRESULT());
    const hFile = arena.adopt(opened.value, CloseHandle);

    const bytes = new TextEncoder().encode(text);
    const buffer = arena.alloc(u8, bytes.length);
    writeBytes(buffer, bytes);
    const count = arena.alloc(DWORD);
    const written = WriteFile(hFile, buffer, bytes.length, count, null);
    if (!written.value) throw new WindowsException(written.error.toHRESULT());

    SetFilePointer(hFile, 0, null, FILE_BEGIN);
    const back = arena.alloc(u8, bytes.length);
    const read = ReadFile(hFile, back, bytes.length, count, null);
    if (!read.value) throw new WindowsException(read.error.toHRESULT());
    return new TextDecoder().decode(readBytes(back, count.value));
  });
}
