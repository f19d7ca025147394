/**
 * Win32 constants used with the declared functions, with their `winuser.h`/`winerror.h` values.
 * @module
 */

/**
 * `FALSE`
 * @example `const enabled: BOOL = FALSE;`
 */
export const FALSE = 0;
/**
 * `TRUE`
 * @example `const enabled: BOOL = TRUE;`
 */
export const TRUE = 1;
/**
 * `MAX_PATH`: the classic path length limit, in `WCHAR`s including the NUL.
 * @example `const path = arena.alloc(WCHAR, MAX_PATH);`
 */
export const MAX_PATH = 260;

// ShowWindow commands and WINDOWPLACEMENT.showCmd values.
/**
 * Hides the window.
 * @example `ShowWindow(hWnd, SW_HIDE);`
 */
export const SW_HIDE = 0;
/**
 * Activates and shows the window in its normal (restored) state.
 * @example `ShowWindow(hWnd, SW_SHOWNORMAL);`
 */
export const SW_SHOWNORMAL = 1;
/**
 * Same as `SW_SHOWNORMAL`.
 * @example `ShowWindow(hWnd, SW_NORMAL);`
 */
export const SW_NORMAL = 1;
/**
 * Activates and minimizes the window.
 * @example `ShowWindow(hWnd, SW_SHOWMINIMIZED);`
 */
export const SW_SHOWMINIMIZED = 2;
/**
 * Activates and maximizes the window; `showCmd` of a maximized window.
 * @example `ShowWindow(hWnd, SW_SHOWMAXIMIZED);`
 */
export const SW_SHOWMAXIMIZED = 3;
/**
 * Same as `SW_SHOWMAXIMIZED`.
 * @example `ShowWindow(hWnd, SW_MAXIMIZE);`
 */
export const SW_MAXIMIZE = 3;
/**
 * Shows the window in its most recent size and position without activating it.
 * @example `ShowWindow(hWnd, SW_SHOWNOACTIVATE);`
 */
export const SW_SHOWNOACTIVATE = 4;
/**
 * Activates and shows the window in its current size and position.
 * @example `ShowWindow(hWnd, SW_SHOW);`
 */
export const SW_SHOW = 5;
/**
 * Minimizes the window and activates the next top-level window.
 * @example `ShowWindow(hWnd, SW_MINIMIZE);`
 */
export const SW_MINIMIZE = 6;
/**
 * Minimizes the window without activating it.
 * @example `ShowWindow(hWnd, SW_SHOWMINNOACTIVE);`
 */
export const SW_SHOWMINNOACTIVE = 7;
/**
 * Shows the window in its current state without activating it.
 * @example `ShowWindow(hWnd, SW_SHOWNA);`
 */
export const SW_SHOWNA = 8;
/**
 * Activates the window and restores it from minimized or maximized.
 * @example `ShowWindow(hWnd, SW_RESTORE);`
 */
export const SW_RESTORE = 9;
/**
 * Shows the window as the process's STARTUPINFO asks.
 * @example `ShowWindow(hWnd, SW_SHOWDEFAULT);`
 */
export const SW_SHOWDEFAULT = 10;
/**
 * Minimizes the window even from another thread.
 * @example `ShowWindow(hWnd, SW_FORCEMINIMIZE);`
 */
export const SW_FORCEMINIMIZE = 11;

// Window styles and CreateWindowExW defaults.
/**
 * A window with a title bar, sizing border, system menu and minimize/maximize buttons.
 * @example `CreateWindowExW(0, 'STATIC', 'x', WS_OVERLAPPEDWINDOW, 0, 0, 640, 480, null, null, null, null)`
 */
export const WS_OVERLAPPEDWINDOW = 0x00cf0000;
/**
 * The window is initially visible.
 * @example `CreateWindowExW(0, 'STATIC', 'x', WS_OVERLAPPEDWINDOW | WS_VISIBLE, 0, 0, 640, 480, null, null, null, null)`
 */
export const WS_VISIBLE = 0x10000000;
/**
 * Let the system choose a position or size (`int` 0x80000000).
 * @example `CreateWindowExW(0, 'STATIC', 'x', WS_OVERLAPPEDWINDOW, CW_USEDEFAULT, CW_USEDEFAULT, 640, 480, null, null, null, null)`
 */
export const CW_USEDEFAULT = -0x80000000;

// FormatMessageW flags.
/**
 * The system allocates the buffer (free it with `LocalFree`).
 * @example `FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER, null, code, 0, buffer, size, null)`
 */
export const FORMAT_MESSAGE_ALLOCATE_BUFFER = 0x100;
/**
 * Leave `%1`-style inserts as they are.
 * @example `FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, null, code, 0, buffer, size, null)`
 */
export const FORMAT_MESSAGE_IGNORE_INSERTS = 0x200;
/**
 * Look the message up in the system's message table.
 * @example `FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, null, code, 0, buffer, size, null)`
 */
export const FORMAT_MESSAGE_FROM_SYSTEM = 0x1000;

// Win32 error codes (GetLastError) and HRESULTs.
/**
 * The operation completed successfully.
 * @example `if (!value && error.code === ERROR_SUCCESS) …`
 */
export const ERROR_SUCCESS = 0;
/**
 * The system cannot find the file specified.
 * @example `if (!value && error.code === ERROR_FILE_NOT_FOUND) …`
 */
export const ERROR_FILE_NOT_FOUND = 2;
/**
 * The system cannot find the path specified.
 * @example `if (!value && error.code === ERROR_PATH_NOT_FOUND) …`
 */
export const ERROR_PATH_NOT_FOUND = 3;
/**
 * The handle is invalid.
 * @example `if (!value && error.code === ERROR_INVALID_HANDLE) …`
 */
export const ERROR_INVALID_HANDLE = 6;
/**
 * The parameter is incorrect.
 * @example `if (!value && error.code === ERROR_INVALID_PARAMETER) …`
 */
export const ERROR_INVALID_PARAMETER = 87;
/**
 * Invalid window handle.
 * @example `if (!value && error.code === ERROR_INVALID_WINDOW_HANDLE) …`
 */
export const ERROR_INVALID_WINDOW_HANDLE = 1400;
/**
 * Class already exists.
 * @example `if (!value && error.code === ERROR_CLASS_ALREADY_EXISTS) …`
 */
export const ERROR_CLASS_ALREADY_EXISTS = 1410;
/**
 * `S_OK`: success.
 * @example `if (hr === S_OK) …`
 */
export const S_OK = 0;
/**
 * `E_FAIL`: unspecified failure.
 * @example `if (hr === E_FAIL) …`
 */
export const E_FAIL = 0x80004005;
/**
 * `E_INVALIDARG`: one or more arguments are invalid.
 * @example `if (hr === E_INVALIDARG) …`
 */
export const E_INVALIDARG = 0x80070057;

/**
 * `WM_CREATE`: sent to a window procedure while `CreateWindowExW` creates the window.
 * @example `if (uMsg === WM_CREATE) created = true;`
 */
export const WM_CREATE = 0x0001;
/**
 * `WM_DESTROY`: sent while `DestroyWindow` destroys the window.
 * @example `if (uMsg === WM_DESTROY) destroyed = true;`
 */
export const WM_DESTROY = 0x0002;
/**
 * `WM_SIZE`: sent when the window's size changed; `lParam` holds the new width and height.
 * @example `if (uMsg === WM_SIZE) width = Number(lParam & 0xffffn);`
 */
export const WM_SIZE = 0x0005;
