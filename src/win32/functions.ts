/**
 * The Win32 functions of the seed's examples and of the tests, declared with `win32Library`.
 * Each binds on its first call; calling one off Windows throws `UnsupportedPlatformError`.
 * Functions that set the last error return a `Win32Result`.
 * @module
 */
import type { Pointer } from '../pointer/pointer.js';
import type { PrimitiveType, VoidType } from '../types/type.js';
import { win32Library } from './library.js';
import type { FILETIME, SYSTEMTIME, WINDOWPLACEMENT, WNDCLASSEXW } from './structs.js';
import type {
  ATOM,
  DWORD,
  HANDLE,
  HINSTANCE,
  HLOCAL,
  HMENU,
  HMODULE,
  HWND,
  LPARAM,
  LRESULT,
  UINT,
  WPARAM,
} from './types.js';
import type { Win32Result } from './win32-error.js';

/**
 * Text for a `LPCWSTR` parameter: a string (copied for the call), a `Pointer<u16>`, an atom, or null.
 * @example `DeleteFileW('C:\\temp\\old.txt')`
 */
export type WideTextArgument = string | Pointer<PrimitiveType<'u16'>> | number | null;

const kernel32 = win32Library('kernel32.dll');
const user32 = win32Library('user32.dll');

/**
 * The pseudo-handle of the current process (`-1n`); it needs no closing.
 * @example `const hProcess = GetCurrentProcess();`
 */
export const GetCurrentProcess = kernel32.func<() => HANDLE>('HANDLE GetCurrentProcess(void)');

/**
 * A process's creation, exit, kernel and user times.
 * @example `const { value, error } = GetProcessTimes(GetCurrentProcess(), c, e, k, u);`
 */
export const GetProcessTimes = kernel32.func<
  (
    hProcess: HANDLE,
    lpCreationTime: Pointer<typeof FILETIME>,
    lpExitTime: Pointer<typeof FILETIME>,
    lpKernelTime: Pointer<typeof FILETIME>,
    lpUserTime: Pointer<typeof FILETIME>,
  ) => Win32Result<boolean>
>(
  'BOOL GetProcessTimes(HANDLE hProcess, LPFILETIME lpCreationTime, LPFILETIME lpExitTime, LPFILETIME lpKernelTime, LPFILETIME lpUserTime)',
);

/**
 * Converts a `FILETIME` to a calendar `SYSTEMTIME` (same time zone).
 * @example `const { value, error } = FileTimeToSystemTime(pFileTime, pSystemTime);`
 */
export const FileTimeToSystemTime = kernel32.func<
  (lpFileTime: Pointer<typeof FILETIME>, lpSystemTime: Pointer<typeof SYSTEMTIME>) => Win32Result<boolean>
>('BOOL FileTimeToSystemTime(const FILETIME *lpFileTime, LPSYSTEMTIME lpSystemTime)');

/**
 * The calling thread's last error code. `Win32Result.error` already holds it for the functions
 * that set it; this reads it after whatever native call came last.
 * @example `SetLastError(5); GetLastError() === 5;`
 */
export const GetLastError = kernel32.func<() => DWORD>('DWORD GetLastError(void)');

/**
 * Sets the calling thread's last error code.
 * @example `SetLastError(ERROR_SUCCESS);`
 */
export const SetLastError = kernel32.func<(dwErrCode: DWORD) => void>('void SetLastError(DWORD dwErrCode)');

/**
 * Formats a message (`FORMAT_MESSAGE_FROM_SYSTEM`: the text of an error code). Returns the number
 * of `WCHAR`s written, 0 on failure. `Win32Error.message` and `WindowsException` call it for you.
 * @example
 * ```ts
 * const buffer = arena.alloc(WCHAR, 512);
 * const { value } = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, null, 2, 0, buffer, 512, null);
 * buffer.toUtf16String(value);
 * ```
 */
export const FormatMessageW = kernel32.func<
  (
    dwFlags: DWORD,
    lpSource: Pointer | null,
    dwMessageId: DWORD,
    dwLanguageId: DWORD,
    lpBuffer: Pointer<PrimitiveType<'u16'>> | bigint | null,
    nSize: DWORD,
    Arguments: Pointer | null,
  ) => Win32Result<DWORD>
>(
  'DWORD FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId, LPWSTR lpBuffer, DWORD nSize, va_list *Arguments)',
  { setsLastError: true },
);

/**
 * Frees memory from `LocalAlloc` (and `FORMAT_MESSAGE_ALLOCATE_BUFFER`). Returns `0n` on success.
 * @example `LocalFree(hMem);`
 */
export const LocalFree = kernel32.func<(hMem: HLOCAL | Pointer) => Win32Result<HLOCAL>>(
  'HLOCAL LocalFree(HLOCAL hMem)',
  {
    setsLastError: true,
  },
);

/**
 * Deletes a file. Fails with `ERROR_FILE_NOT_FOUND` (2) or `ERROR_PATH_NOT_FOUND` (3) if it is not there.
 * @example `const { value, error } = DeleteFileW('C:\\temp\\old.txt');`
 */
export const DeleteFileW = kernel32.func<(lpFileName: WideTextArgument) => Win32Result<boolean>>(
  'BOOL DeleteFileW(LPCWSTR lpFileName)',
);

/**
 * The handle of a loaded module; `null` for the program itself.
 * @example `const hInstance = GetModuleHandleW(null).value;`
 */
export const GetModuleHandleW = kernel32.func<(lpModuleName: WideTextArgument) => Win32Result<HMODULE>>(
  'HMODULE GetModuleHandleW(LPCWSTR lpModuleName)',
  { setsLastError: true },
);

/**
 * The address of a function a DLL exports (`FARPROC`), e.g. to store in `WNDCLASSEXW.lpfnWndProc`.
 * @example `const { value: proc } = GetProcAddress(user32Handle, 'DefWindowProcW');`
 */
export const GetProcAddress = kernel32.func<
  (
    hModule: HMODULE,
    lpProcName: string | Pointer<PrimitiveType<'i8'>> | number,
  ) => Win32Result<Pointer<VoidType>>
>('LPVOID GetProcAddress(HMODULE hModule, LPCSTR lpProcName)', { setsLastError: true });

/**
 * Creates a window. Returns its handle, `0n` on failure.
 * @example
 * ```ts
 * const { value: hWnd } = CreateWindowExW(0, 'STATIC', 'Demo', WS_OVERLAPPEDWINDOW,
 *   CW_USEDEFAULT, CW_USEDEFAULT, 640, 480, null, null, null, null);
 * ```
 */
export const CreateWindowExW = user32.func<
  (
    dwExStyle: DWORD,
    lpClassName: WideTextArgument,
    lpWindowName: WideTextArgument,
    dwStyle: DWORD,
    X: number,
    Y: number,
    nWidth: number,
    nHeight: number,
    hWndParent: HWND | null,
    hMenu: HMENU | null,
    hInstance: HINSTANCE | null,
    lpParam: Pointer | null,
  ) => Win32Result<HWND>
>(
  'HWND CreateWindowExW(DWORD dwExStyle, LPCWSTR lpClassName, LPCWSTR lpWindowName, DWORD dwStyle, int X, int Y, int nWidth, int nHeight, HWND hWndParent, HMENU hMenu, HINSTANCE hInstance, LPVOID lpParam)',
  { setsLastError: true },
);

/**
 * Shows, hides, maximizes, minimizes or restores a window (`SW_*`). Returns whether it was visible before.
 * @example `ShowWindow(hWnd, SW_MAXIMIZE);`
 */
export const ShowWindow = user32.func<(hWnd: HWND, nCmdShow: number) => boolean>(
  'BOOL ShowWindow(HWND hWnd, int nCmdShow)',
  {
    setsLastError: false,
  },
);

/**
 * Destroys a window.
 * @example `DestroyWindow(hWnd);`
 */
export const DestroyWindow = user32.func<(hWnd: HWND) => Win32Result<boolean>>(
  'BOOL DestroyWindow(HWND hWnd)',
);

/**
 * Whether a window is maximized.
 * @example `if (IsZoomed(hWnd)) ShowWindow(hWnd, SW_RESTORE);`
 */
export const IsZoomed = user32.func<(hWnd: HWND) => boolean>('BOOL IsZoomed(HWND hWnd)', {
  setsLastError: false,
});

/**
 * A window's show state and positions. Set `lpwndpl.ref.length = sizeOf(WINDOWPLACEMENT)` first.
 * @example `const { value, error } = GetWindowPlacement(hWnd, placement);`
 */
export const GetWindowPlacement = user32.func<
  (hWnd: HWND, lpwndpl: Pointer<typeof WINDOWPLACEMENT>) => Win32Result<boolean>
>('BOOL GetWindowPlacement(HWND hWnd, WINDOWPLACEMENT *lpwndpl)');

/**
 * Registers a window class. Returns its atom, 0 on failure.
 * @example `const { value: atom, error } = RegisterClassExW(wc);`
 */
export const RegisterClassExW = user32.func<(lpWndClass: Pointer<typeof WNDCLASSEXW>) => Win32Result<ATOM>>(
  'ATOM RegisterClassExW(const WNDCLASSEXW *lpWndClass)',
  { setsLastError: true },
);

/**
 * Unregisters a window class.
 * @example `UnregisterClassW('MyWindow', hInstance);`
 */
export const UnregisterClassW = user32.func<
  (lpClassName: WideTextArgument, hInstance: HINSTANCE | null) => Win32Result<boolean>
>('BOOL UnregisterClassW(LPCWSTR lpClassName, HINSTANCE hInstance)');

/**
 * The default window procedure.
 * @example `DefWindowProcW(hWnd, msg, wParam, lParam);`
 */
export const DefWindowProcW = user32.func<(hWnd: HWND, Msg: UINT, wParam: WPARAM, lParam: LPARAM) => LRESULT>(
  'LRESULT DefWindowProcW(HWND hWnd, UINT Msg, WPARAM wParam, LPARAM lParam)',
);

/**
 * Calls `lpEnumFunc` for each top-level window until it returns `false`: a JavaScript function
 * (valid during this call) or a callback of type `WNDENUMPROC`.
 * @example `EnumWindows((hWnd) => { windows.push(hWnd); return true; }, 0);`
 */
export const EnumWindows = user32.func('BOOL EnumWindows(WNDENUMPROC lpEnumFunc, LPARAM lParam)');
