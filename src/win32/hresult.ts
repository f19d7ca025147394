/**
 * HRESULT arithmetic, as in `winerror.h`. Pure functions: usable on every platform.
 * HRESULTs are unsigned 32-bit numbers here, so they compare and print as written in the
 * Windows documentation: `0x80070578`.
 * @module
 */

/**
 * The HRESULT for a Win32 error code: `0x8007xxxx` (FACILITY_WIN32), and 0 (`S_OK`) for
 * `ERROR_SUCCESS`. Values that already are HRESULTs (high bit set) are returned unchanged, as the
 * C macro does.
 * @example `HRESULT_FROM_WIN32(1400) === 0x80070578` (ERROR_INVALID_WINDOW_HANDLE)
 */
export function HRESULT_FROM_WIN32(code: number): number {
  const signed = code | 0;
  if (signed <= 0) return signed >>> 0;
  return ((signed & 0xffff) | 0x80070000) >>> 0;
}

/**
 * True if `hr` reports success (non-negative).
 * @example `if (SUCCEEDED(hr)) …`
 */
export function SUCCEEDED(hr: number): boolean {
  return (hr | 0) >= 0;
}

/**
 * True if `hr` reports failure (negative).
 * @example `if (FAILED(hr)) throw new WindowsException(hr);`
 */
export function FAILED(hr: number): boolean {
  return (hr | 0) < 0;
}
