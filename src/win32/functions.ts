/**
 * The Win32 functions `ffi-arena/win32` exports itself (those of the seed's examples and of the
 * tests), from the generated API: each is declared on its first call; calling one off Windows
 * throws `UnsupportedPlatformError`. Every other generated function is in `ffi-arena/win32/api`.
 * @module
 */
export {
  CreateWindowExW,
  DefWindowProcW,
  DeleteFileW,
  DestroyWindow,
  EnumWindows,
  FileTimeToSystemTime,
  FormatMessageW,
  GetCurrentProcess,
  GetLastError,
  GetModuleHandleW,
  GetProcAddress,
  GetProcessTimes,
  GetWindowPlacement,
  IsZoomed,
  LocalFree,
  RegisterClassExW,
  SetLastError,
  ShowWindow,
  UnregisterClassW,
} from './generated/entry.js';
export type { AnsiTextArgument, CallbackArgument, WideTextArgument } from './text.js';
