/**
 * Win32 constants used with the declared functions, with their `winuser.h`/`winerror.h` values.
 * @module
 */

/** `FALSE` */
export const FALSE = 0;
/** `TRUE` */
export const TRUE = 1;
/** `MAX_PATH`: the classic path length limit, in `WCHAR`s including the NUL. */
export const MAX_PATH = 260;

// ShowWindow commands and WINDOWPLACEMENT.showCmd values.
/** Hides the window. */
export const SW_HIDE = 0;
/** Activates and shows the window in its normal (restored) state. */
export const SW_SHOWNORMAL = 1;
/** Same as `SW_SHOWNORMAL`. */
export const SW_NORMAL = 1;
/** Activates and minimizes the window. */
export const SW_SHOWMINIMIZED = 2;
/** Activates and maximizes the window; `showCmd` of a maximized window. */
export const SW_SHOWMAXIMIZED = 3;
/** Same as `SW_SHOWMAXIMIZED`. */
export const SW_MAXIMIZE = 3;
/** Shows the window in its most recent size and position without activating it. */
export const SW_SHOWNOACTIVATE = 4;
/** Activates and shows the window in its current size and position. */
export const SW_SHOW = 5;
/** Minimizes the window and activates the next top-level window. */
export const SW_MINIMIZE = 6;
/** Minimizes the window without activating it. */
export const SW_SHOWMINNOACTIVE = 7;
/** Shows the window in its current state without activating it. */
export const SW_SHOWNA = 8;
/** Activates the window and restores it from minimized or maximized. */
export const SW_RESTORE = 9;
/** Shows the window as the process's STARTUPINFO asks. */
export const SW_SHOWDEFAULT = 10;
/** Minimizes the window even from another thread. */
export const SW_FORCEMINIMIZE = 11;

// Window styles and CreateWindowExW defaults.
/** A window with a title bar, sizing border, system menu and minimize/maximize buttons. */
export const WS_OVERLAPPEDWINDOW = 0x00cf0000;
/** The window is initially visible. */
export const WS_VISIBLE = 0x10000000;
/** Let the system choose a position or size (`int` 0x80000000). */
export const CW_USEDEFAULT = -0x80000000;

// FormatMessageW flags.
/** The system allocates the buffer (free it with `LocalFree`). */
export const FORMAT_MESSAGE_ALLOCATE_BUFFER = 0x100;
/** Leave `%1`-style inserts as they are. */
export const FORMAT_MESSAGE_IGNORE_INSERTS = 0x200;
/** Look the message up in the system's message table. */
export const FORMAT_MESSAGE_FROM_SYSTEM = 0x1000;

// Win32 error codes (GetLastError) and HRESULTs.
/** The operation completed successfully. */
export const ERROR_SUCCESS = 0;
/** The system cannot find the file specified. */
export const ERROR_FILE_NOT_FOUND = 2;
/** The system cannot find the path specified. */
export const ERROR_PATH_NOT_FOUND = 3;
/** The handle is invalid. */
export const ERROR_INVALID_HANDLE = 6;
/** The parameter is incorrect. */
export const ERROR_INVALID_PARAMETER = 87;
/** Invalid window handle. */
export const ERROR_INVALID_WINDOW_HANDLE = 1400;
/** Class already exists. */
export const ERROR_CLASS_ALREADY_EXISTS = 1410;
/** `S_OK`: success. */
export const S_OK = 0;
/** `E_FAIL`: unspecified failure. */
export const E_FAIL = 0x80004005;
/** `E_INVALIDARG`: one or more arguments are invalid. */
export const E_INVALIDARG = 0x80070057;
