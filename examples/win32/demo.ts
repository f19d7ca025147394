// Runs the seed's Win32 examples and prints what they found: `node build/examples/win32/demo.js`
// on Windows (or under Wine: see scripts/test-win32.sh for the setup).
import {
  CreateWindowExW,
  DeleteFileW,
  DestroyWindow,
  ShowWindow,
  SW_MAXIMIZE,
  WindowsException,
  WS_OVERLAPPEDWINDOW,
} from 'ffi-arena/win32';
import { cleanup, processImagePath, setup } from './global-buffer.js';
import { isWindowMaximized } from './is-window-maximized.js';
import { nestedArenas } from './nested-arenas.js';
import { processCreationTime } from './process-creation-time.js';

console.log(`process created at ${processCreationTime().toISOString()}`);

const { value: hWnd, error } = CreateWindowExW(
  0,
  'STATIC',
  'demo',
  WS_OVERLAPPEDWINDOW,
  0,
  0,
  320,
  200,
  null,
  null,
  null,
  null,
);
if (hWnd === 0n) throw new WindowsException(error.toHRESULT());
console.log(`window 0x${hWnd.toString(16)} maximized: ${isWindowMaximized(hWnd)}`);
ShowWindow(hWnd, SW_MAXIMIZE);
console.log(`after ShowWindow(SW_MAXIMIZE): ${isWindowMaximized(hWnd)}`);
DestroyWindow(hWnd);

try {
  isWindowMaximized(hWnd); // destroyed: no longer a window
} catch (exception) {
  console.log(`a destroyed window: ${(exception as WindowsException).message}`);
}

const deleted = DeleteFileW('C:\\no-such-file.txt');
console.log(`DeleteFileW: value ${deleted.value}, error ${deleted.error}`);

const { outerValue, escaped } = nestedArenas();
console.log(`nested arenas: outer pointer held ${outerValue}`);
try {
  escaped.value;
} catch (exception) {
  console.log(`escaped inner pointer: ${(exception as Error).message}`);
}

setup();
try {
  console.log(`global buffer: ${processImagePath()}`);
} finally {
  cleanup();
}
