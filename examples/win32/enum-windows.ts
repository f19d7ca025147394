// Windows enumerated with a callback: a JavaScript function passed to EnumWindows (valid during
// the call) is called with each top-level window; GetWindowTextW reads each one's title.
import { using } from 'ffi-arena';
import { CreateWindowExW, DestroyWindow, type HWND, WCHAR, WindowsException } from 'ffi-arena/win32';
import { EnumWindows, GetWindowTextW } from 'ffi-arena/win32/api';

/** The titles of the top-level windows, after creating one titled `title`. */
export function windowTitles(title: string): string[] {
  const created = CreateWindowExW(0, 'STATIC', title, 0, 0, 0, 100, 100, null, null, null, null);
  if (created.value === 0n) throw new WindowsException(created.error.toHRESULT());
  try {
    return using((arena) => {
      const buffer = arena.alloc(WCHAR, 256);
      const titles: string[] = [];
      const { value, error } = EnumWindows((hWnd: HWND) => {
        const length = GetWindowTextW(hWnd, buffer, 256).value;
        if (length > 0) titles.push(buffer.toUtf16String(length));
        return true; // go on
      }, 0);
      if (!value) throw new WindowsException(error.toHRESULT());
      return titles;
    });
  } finally {
    DestroyWindow(created.value);
  }
}
