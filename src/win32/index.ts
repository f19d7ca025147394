// ffi-arena/win32: Win32 interop. Importable on every platform; calls are Windows only. Re-exports only.
export { WNDENUMPROC, WNDPROC, win32CallbackType } from './callbacks.js';
export * from './constants.js';
export * from './functions.js';
export { FAILED, HRESULT_FROM_WIN32, SUCCEEDED } from './hresult.js';
export {
  type FuncOptions,
  type Win32Argument,
  type Win32Function,
  type Win32FunctionOf,
  type Win32Library,
  type Win32Names,
  win32Library,
} from './library.js';
export * from './structs.js';
export * from './types.js';
export { Win32Error, type Win32Result, WindowsException } from './win32-error.js';
