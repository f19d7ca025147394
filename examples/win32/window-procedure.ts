// A window class whose window procedure is JavaScript, and EnumWindows with a JavaScript callback.
import { sizeOf, toNativeUtf16, using } from 'ffi-arena';
import {
  CreateWindowExW,
  DefWindowProcW,
  DestroyWindow,
  EnumWindows,
  GetModuleHandleW,
  RegisterClassExW,
  ShowWindow,
  SW_SHOWNORMAL,
  UnregisterClassW,
  WindowsException,
  WM_CREATE,
  WM_DESTROY,
  WM_SIZE,
  WNDCLASSEXW,
  WNDPROC,
  WS_OVERLAPPEDWINDOW,
} from 'ffi-arena/win32';

/** Creates, shows and destroys a window; returns the messages its procedure saw, and whether EnumWindows found it. */
export function windowProcedure(): { messages: string[]; foundByEnumWindows: boolean } {
  const className = `ffi-arena-example-${process.pid}`;
  const hInstance = GetModuleHandleW(null).value;
  const messages: string[] = [];
  return using((arena) => {
    const wc = arena.alloc(WNDCLASSEXW);
    wc.ref.cbSize = sizeOf(WNDCLASSEXW);
    // The procedure lives as long as the arena: the class is unregistered before it is released.
    wc.ref.lpfnWndProc = arena.callback(WNDPROC, (hWnd, uMsg, wParam, lParam) => {
      if (uMsg === WM_CREATE) messages.push('WM_CREATE');
      if (uMsg === WM_SIZE) messages.push(`WM_SIZE ${lParam & 0xffffn}x${lParam >> 16n}`);
      if (uMsg === WM_DESTROY) messages.push('WM_DESTROY');
      return DefWindowProcW(hWnd, uMsg, wParam, lParam);
    });
    wc.ref.hInstance = hInstance;
    wc.ref.lpszClassName = toNativeUtf16(className, arena);
    const { value: atom, error } = RegisterClassExW(wc);
    if (atom === 0) throw new WindowsException(error.toHRESULT());
    try {
      const { value: hWnd, error: createError } = CreateWindowExW(
        0,
        className,
        'ffi-arena',
        WS_OVERLAPPEDWINDOW,
        0,
        0,
        320,
        200,
        null,
        null,
        hInstance,
        null,
      );
      if (hWnd === 0n) throw new WindowsException(createError.toHRESULT());
      ShowWindow(hWnd, SW_SHOWNORMAL);
      let foundByEnumWindows = false;
      EnumWindows((candidate) => {
        foundByEnumWindows ||= candidate === hWnd;
        return !foundByEnumWindows; // false stops the enumeration
      }, 0);
      DestroyWindow(hWnd);
      return { messages, foundByEnumWindows };
    } finally {
      UnregisterClassW(className, hInstance);
    }
  });
}
