// Which DLL exports each function: the import libraries of mingw-w64 (`libuser32.a` for
// user32.dll) name every export as an `__imp_` symbol. A name several DLLs export is given to the
// first DLL in this list (kernel32 before the lower-level ntdll that also exports it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importLibrarySymbols, MINGW_LIB } from './toolchain.mjs';

/**
 * The file an import library imports from, as its import name table spells it: `winspool.drv`
 * for libwinspool.a (not `winspool.dll`), `kernel32.dll` for libkernel32.a.
 */
function importedFile(library) {
  const bytes = readFileSync(join(MINGW_LIB, `lib${library}.a`)).toString('latin1');
  const names = new Set(bytes.match(/[A-Za-z0-9_.-]+\.(?:dll|drv|DLL|DRV)(?=\0)/g) ?? []);
  if (names.size !== 1)
    throw new Error(`generate-win32: lib${library}.a names ${[...names].join(', ') || 'no DLL'}`);
  return [...names][0].toLowerCase();
}

/** The system DLLs the generated API binds to, most specific first. */
export const DLLS = [
  'kernel32',
  'user32',
  'gdi32',
  'advapi32',
  'shell32',
  'ole32',
  'oleaut32',
  'comctl32',
  'comdlg32',
  'shlwapi',
  'version',
  'winmm',
  'ws2_32',
  'psapi',
  'imm32',
  'winspool',
  'rpcrt4',
  'secur32',
  'crypt32',
  'mpr',
  'msimg32',
  'opengl32',
  'uxtheme',
  'dwmapi',
  'userenv',
  'ntdll',
];

/** @returns {Map<string, string>} exported function name → DLL file name (`user32.dll`, `winspool.drv`). */
export function exportMap() {
  const map = new Map();
  for (const dll of DLLS) {
    const file = importedFile(dll);
    for (const match of importLibrarySymbols(dll).matchAll(/ I __imp_(\w+)$/gm)) {
      const name = match[1];
      if (!map.has(name)) map.set(name, file);
    }
  }
  return map;
}
