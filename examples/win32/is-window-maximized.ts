// The seed's customtitlebar.dart, line for line: manual allocation with try / finally.
import { adaptiveCalloc, free, sizeOf } from 'ffi-arena';
import {
  GetWindowPlacement,
  type HWND,
  SW_SHOWMAXIMIZED,
  WINDOWPLACEMENT,
  WindowsException,
} from 'ffi-arena/win32';

export function isWindowMaximized(hWnd: HWND): boolean {
  const windowPlacement = adaptiveCalloc.alloc(WINDOWPLACEMENT);
  windowPlacement.ref.length = sizeOf(WINDOWPLACEMENT);
  try {
    const { value, error } = GetWindowPlacement(hWnd, windowPlacement);
    if (!value) throw new WindowsException(error.toHRESULT());
    return windowPlacement.ref.showCmd === SW_SHOWMAXIMIZED;
  } finally {
    free(windowPlacement);
  }
}
