// ffi-arena/win32: Win32 interop. Importable on every platform. Re-exports only.
export { FAILED, HRESULT_FROM_WIN32, SUCCEEDED } from './hresult.js';
