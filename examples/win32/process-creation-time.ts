// The seed's process.dart, line for line: every allocation in one arena, released by using().
import { using } from 'ffi-arena';
import {
  FILETIME,
  FileTimeToSystemTime,
  GetCurrentProcess,
  GetProcessTimes,
  SYSTEMTIME,
  WindowsException,
} from 'ffi-arena/win32';

export function processCreationTime(): Date {
  return using((arena) => {
    const hProcess = GetCurrentProcess();
    const pCreationTime = arena.alloc(FILETIME);
    const pExitTime = arena.alloc(FILETIME);
    const pKernelTime = arena.alloc(FILETIME);
    const pUserTime = arena.alloc(FILETIME);

    let { value, error } = GetProcessTimes(hProcess, pCreationTime, pExitTime, pKernelTime, pUserTime);
    if (!value) throw new WindowsException(error.toHRESULT());

    const pCreationSystemTime = arena.alloc(SYSTEMTIME);
    ({ value, error } = FileTimeToSystemTime(pCreationTime, pCreationSystemTime));
    if (!value) throw new WindowsException(error.toHRESULT());

    const { wYear, wMonth, wDay, wHour, wMinute, wSecond } = pCreationSystemTime.ref;
    return new Date(Date.UTC(wYear, wMonth - 1, wDay, wHour, wMinute, wSecond)); // a Date shows local time
  });
}
