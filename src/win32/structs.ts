/**
 * The Win32 structs of the seed's examples and of the tests, with the Win64 layout (checked
 * against mingw's `sizeof`/`offsetof` under Wine by `npm run test:win32`).
 * @module
 */
import { struct } from '../types/define.js';
import { WNDPROC } from './callbacks.js';
import {
  DWORD,
  HBRUSH,
  HCURSOR,
  HICON,
  HINSTANCE,
  HWND,
  INT,
  LONG,
  LPARAM,
  LPCWSTR,
  UINT,
  WORD,
  WPARAM,
} from './types.js';

/**
 * A point in pixels.
 * @example `const p = arena.alloc(POINT); p.ref.x = 10;`
 */
export const POINT = struct('POINT', {
  /** The x-coordinate. */
  x: LONG,
  /** The y-coordinate. */
  y: LONG,
});

/**
 * A rectangle by its edges.
 * @example `const r = arena.alloc(RECT); r.ref.right - r.ref.left;`
 */
export const RECT = struct('RECT', {
  /** The x-coordinate of the left edge. */
  left: LONG,
  /** The y-coordinate of the top edge. */
  top: LONG,
  /** The x-coordinate of the right edge (exclusive). */
  right: LONG,
  /** The y-coordinate of the bottom edge (exclusive). */
  bottom: LONG,
});

/**
 * A time in 100-nanosecond intervals since 1601-01-01 UTC, split in two 32-bit halves.
 * @example `const t = arena.alloc(FILETIME); GetProcessTimes(h, t, …); t.ref.dwHighDateTime;`
 */
export const FILETIME = struct('FILETIME', {
  /** The low 32 bits of the 100 ns interval count. */
  dwLowDateTime: DWORD,
  /** The high 32 bits of the 100 ns interval count. */
  dwHighDateTime: DWORD,
});

/**
 * A calendar date and time (UTC or local, depending on the function).
 * @example `FileTimeToSystemTime(ft, st); st.ref.wYear;`
 */
export const SYSTEMTIME = struct('SYSTEMTIME', {
  /** The year, 1601 to 30827. */
  wYear: WORD,
  /** The month, 1 (January) to 12. */
  wMonth: WORD,
  /** The day of the week, 0 (Sunday) to 6. */
  wDayOfWeek: WORD,
  /** The day of the month, 1 to 31. */
  wDay: WORD,
  /** The hour, 0 to 23. */
  wHour: WORD,
  /** The minute, 0 to 59. */
  wMinute: WORD,
  /** The second, 0 to 59. */
  wSecond: WORD,
  /** The millisecond, 0 to 999. */
  wMilliseconds: WORD,
});

/**
 * A window's show state and its restored, minimized and maximized positions. Set `length` to
 * `sizeOf(WINDOWPLACEMENT)` before `GetWindowPlacement`.
 * @example `wp.ref.length = sizeOf(WINDOWPLACEMENT); GetWindowPlacement(hWnd, wp);`
 */
export const WINDOWPLACEMENT = struct('WINDOWPLACEMENT', {
  /** The struct size: set it to `sizeOf(WINDOWPLACEMENT)`. */
  length: UINT,
  /** `WPF_*` flags. */
  flags: UINT,
  /** The show state: `SW_SHOWMAXIMIZED`, `SW_SHOWMINIMIZED` or `SW_SHOWNORMAL`. */
  showCmd: UINT,
  /** The top-left corner when minimized. */
  ptMinPosition: POINT,
  /** The top-left corner when maximized. */
  ptMaxPosition: POINT,
  /** The position when restored. */
  rcNormalPosition: RECT,
});

/**
 * A window class for `RegisterClassExW`. Set `cbSize` to `sizeOf(WNDCLASSEXW)`.
 * @example `wc.ref.cbSize = sizeOf(WNDCLASSEXW); wc.ref.lpszClassName = toNativeUtf16('App', arena);`
 */
export const WNDCLASSEXW = struct('WNDCLASSEXW', {
  /** The struct size: set it to `sizeOf(WNDCLASSEXW)`. */
  cbSize: UINT,
  /** `CS_*` class styles. */
  style: UINT,
  /** The window procedure (a function address). */
  lpfnWndProc: WNDPROC,
  /** Extra bytes after the class structure. */
  cbClsExtra: INT,
  /** Extra bytes after each window instance. */
  cbWndExtra: INT,
  /** The module that holds the window procedure. */
  hInstance: HINSTANCE,
  /** The class icon, or `0n`. */
  hIcon: HICON,
  /** The class cursor, or `0n`. */
  hCursor: HCURSOR,
  /** The background brush, or `0n`. */
  hbrBackground: HBRUSH,
  /** The menu resource name, or NULL. */
  lpszMenuName: LPCWSTR,
  /** The class name (UTF-16). */
  lpszClassName: LPCWSTR,
  /** The small icon, or `0n`. */
  hIconSm: HICON,
});

/**
 * A message from a thread's message queue (`PeekMessageW`, `GetMessageW`).
 * @example `while (PeekMessageW(msg, 0n, 0, 0, PM_REMOVE)) DispatchMessageW(msg);`
 */
export const MSG = struct('MSG', {
  /** The window the message is for. */
  hwnd: HWND,
  /** The message identifier (`WM_*`). */
  message: UINT,
  /** Message-specific information. */
  wParam: WPARAM,
  /** Message-specific information. */
  lParam: LPARAM,
  /** When the message was posted. */
  time: DWORD,
  /** The cursor position when the message was posted. */
  pt: POINT,
});
