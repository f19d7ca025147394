// A registry value read with the two-call size pattern: RegQueryValueExW once for the size, once
// for the data. The value is written first (under HKEY_CURRENT_USER) and removed after.
import { toNativeUtf16, u8, using } from 'ffi-arena';
import { DWORD, HRESULT_FROM_WIN32, WCHAR, WindowsException } from 'ffi-arena/win32';
import {
  ERROR_SUCCESS,
  HKEY,
  HKEY_CURRENT_USER,
  KEY_READ,
  KEY_WRITE,
  REG_OPTION_NON_VOLATILE,
  REG_SZ,
  RegCloseKey,
  RegCreateKeyExW,
  RegDeleteKeyW,
  RegOpenKeyExW,
  RegQueryValueExW,
  RegSetValueExW,
} from 'ffi-arena/win32/api';

function check(status: number): void {
  if (status !== ERROR_SUCCESS) throw new WindowsException(HRESULT_FROM_WIN32(status));
}

export function writeRegistryValue(subKey: string, name: string, text: string): void {
  using((arena) => {
    const phKey = arena.alloc(HKEY);
    check(
      RegCreateKeyExW(
        HKEY_CURRENT_USER,
        subKey,
        0,
        null,
        REG_OPTION_NON_VOLATILE,
        KEY_WRITE,
        null,
        phKey,
        null,
      ),
    );
    const hKey = arena.adopt(phKey.value, RegCloseKey);
    const data = toNativeUtf16(text, arena);
    check(RegSetValueExW(hKey, name, 0, REG_SZ, data.cast(u8), (text.length + 1) * 2));
  });
}

export function readRegistryValue(subKey: string, name: string): string {
  return using((arena) => {
    const phKey = arena.alloc(HKEY);
    check(RegOpenKeyExW(HKEY_CURRENT_USER, subKey, 0, KEY_READ, phKey));
    const hKey = arena.adopt(phKey.value, RegCloseKey);
    const size = arena.alloc(DWORD);
    check(RegQueryValueExW(hKey, name, null, null, null, size)); // the size, in bytes
    const data = arena.alloc(u8, size.value);
    check(RegQueryValueExW(hKey, name, null, null, data, size)); // the data
    return data.cast(WCHAR).toUtf16String((size.value >> 1) - 1);
  });
}

export function deleteRegistryKey(subKey: string): void {
  check(RegDeleteKeyW(HKEY_CURRENT_USER, subKey));
}
