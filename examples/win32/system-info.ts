// System information from the generated API: GetSystemInfo fills a SYSTEM_INFO (its processor
// architecture sits in the header's anonymous union, named `u.s` as NONAMELESSUNION names it);
// GlobalMemoryStatusEx wants its dwLength set first. Imported as C includes them: kernel32's
// functions and the structs only, not the whole API.
import { sizeOf, using } from 'ffi-arena';
import { WindowsException } from 'ffi-arena/win32';
import { GetSystemInfo, GlobalMemoryStatusEx } from 'ffi-arena/win32/kernel32';
import { MEMORYSTATUSEX, SYSTEM_INFO } from 'ffi-arena/win32/types';

export function systemInfo() {
  return using((arena) => {
    const info = arena.alloc(SYSTEM_INFO);
    GetSystemInfo(info);
    const memory = arena.alloc(MEMORYSTATUSEX);
    memory.ref.dwLength = sizeOf(MEMORYSTATUSEX);
    const { value, error } = GlobalMemoryStatusEx(memory);
    if (!value) throw new WindowsException(error.toHRESULT());
    return {
      architecture: info.ref.u.s.wProcessorArchitecture,
      pageSize: info.ref.dwPageSize,
      processors: info.ref.dwNumberOfProcessors,
      totalPhysicalBytes: memory.ref.ullTotalPhys,
    };
  });
}
