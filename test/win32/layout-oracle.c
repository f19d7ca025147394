/* The Win32 layout oracle: prints, as JSON, the size, alignment and field offsets of every struct
 * ffi-arena/win32 declares, as mingw-w64's headers lay them out. Built with
 * x86_64-w64-mingw32-gcc by scripts/test-win32.sh; run under Wine by test/win32/layout.test.ts. */
#include <stddef.h>
#include <stdio.h>
#include <windows.h>

#define BEGIN(T) printf("%s\"%s\":{\"size\":%u,\"align\":%u,\"offsets\":{", first ? "" : ",", #T, \
                        (unsigned)sizeof(T), (unsigned)_Alignof(T)); first = 0; field = 1;
#define FIELD(T, f) printf("%s\"%s\":%u", field ? "" : ",", #f, (unsigned)offsetof(T, f)); field = 0;
#define END() printf("}}");

int main(void) {
  int first = 1, field = 1;
  printf("{");
  BEGIN(POINT) FIELD(POINT, x) FIELD(POINT, y) END()
  BEGIN(RECT) FIELD(RECT, left) FIELD(RECT, top) FIELD(RECT, right) FIELD(RECT, bottom) END()
  BEGIN(FILETIME) FIELD(FILETIME, dwLowDateTime) FIELD(FILETIME, dwHighDateTime) END()
  BEGIN(SYSTEMTIME)
    FIELD(SYSTEMTIME, wYear) FIELD(SYSTEMTIME, wMonth) FIELD(SYSTEMTIME, wDayOfWeek)
    FIELD(SYSTEMTIME, wDay) FIELD(SYSTEMTIME, wHour) FIELD(SYSTEMTIME, wMinute)
    FIELD(SYSTEMTIME, wSecond) FIELD(SYSTEMTIME, wMilliseconds)
  END()
  BEGIN(WINDOWPLACEMENT)
    FIELD(WINDOWPLACEMENT, length) FIELD(WINDOWPLACEMENT, flags) FIELD(WINDOWPLACEMENT, showCmd)
    FIELD(WINDOWPLACEMENT, ptMinPosition) FIELD(WINDOWPLACEMENT, ptMaxPosition)
    FIELD(WINDOWPLACEMENT, rcNormalPosition)
  END()
  BEGIN(WNDCLASSEXW)
    FIELD(WNDCLASSEXW, cbSize) FIELD(WNDCLASSEXW, style) FIELD(WNDCLASSEXW, lpfnWndProc)
    FIELD(WNDCLASSEXW, cbClsExtra) FIELD(WNDCLASSEXW, cbWndExtra) FIELD(WNDCLASSEXW, hInstance)
    FIELD(WNDCLASSEXW, hIcon) FIELD(WNDCLASSEXW, hCursor) FIELD(WNDCLASSEXW, hbrBackground)
    FIELD(WNDCLASSEXW, lpszMenuName) FIELD(WNDCLASSEXW, lpszClassName) FIELD(WNDCLASSEXW, hIconSm)
  END()
  BEGIN(MSG)
    FIELD(MSG, hwnd) FIELD(MSG, message) FIELD(MSG, wParam) FIELD(MSG, lParam) FIELD(MSG, time)
    FIELD(MSG, pt)
  END()
  printf("}\n");
  return 0;
}
