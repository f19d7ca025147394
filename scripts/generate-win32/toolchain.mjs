// The tools the generator reads the Windows headers with: castxml (declarations and layouts),
// mingw-w64's gcc (macros) and nm (what each DLL's import library exports). Only the generator
// needs them; its output is committed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The headers the generated API covers, in the order a C program includes them. */
export const HEADERS = ['windows.h', 'shlobj.h', 'psapi.h', 'tlhelp32.h'];

/**
 * Windows 10 declarations; NONAMELESSUNION/NONAMELESSSTRUCT give the headers' anonymous members
 * their names (`DUMMYUNIONNAME` → `u`), which a field of a TypeScript struct needs.
 */
export const DEFINES = [
  '-D_WIN32_WINNT=0x0A00',
  '-DWINVER=0x0A00',
  '-DNTDDI_VERSION=0x0A000000',
  '-DNONAMELESSUNION',
  '-DNONAMELESSSTRUCT',
];

export const GCC = 'x86_64-w64-mingw32-gcc';
const NM = 'x86_64-w64-mingw32-nm';
export const MINGW_LIB = '/usr/x86_64-w64-mingw32/lib';

/** The C source that includes every covered header. */
export function headerSource() {
  return HEADERS.map((header) => `#include <${header}>\n`).join('');
}

function withTemporaryFolder(body) {
  const folder = mkdtempSync(join(tmpdir(), 'generate-win32-'));
  try {
    return body(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** castxml's XML for the covered headers, as mingw's gcc sees them. */
export function castxmlOutput() {
  return withTemporaryFolder((folder) => {
    const source = join(folder, 'all.h');
    const output = join(folder, 'all.xml');
    writeFileSync(source, headerSource());
    execFileSync(
      'castxml',
      ['--castxml-output=1', '-x', 'c', '--castxml-cc-gnu-c', GCC, ...DEFINES, source, '-o', output],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    return readFileSync(output, 'utf8');
  });
}

/** Runs mingw's preprocessor over `source` with the generator's defines; `flags` adds `-dM` etc. */
export function preprocess(source, flags = []) {
  return withTemporaryFolder((folder) => {
    const file = join(folder, 'input.c');
    writeFileSync(file, source);
    return execFileSync(GCC, ['-E', '-P', ...flags, ...DEFINES, file], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
  });
}

/** The header (`winuser.h`) that last `#define`s each macro of the covered headers, by its name. */
export function macroHeaders() {
  const listing = withTemporaryFolder((folder) => {
    const file = join(folder, 'input.c');
    writeFileSync(file, headerSource());
    // -dD keeps each #define where it is; without -P, line markers say which file that is.
    return execFileSync(GCC, ['-E', '-dD', ...DEFINES, file], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
  });
  const headers = new Map();
  let header = '';
  for (const line of listing.split('\n')) {
    const marker = /^# \d+ "(?:[^"]*\/)?([^"/]+)"/.exec(line);
    if (marker !== null) header = marker[1];
    else if (line.startsWith('#define ')) headers.set(/^#define (\w+)/.exec(line)[1], header);
  }
  return headers;
}

/** The symbols an import library (`libuser32.a`) defines, as `nm` lists them. */
export function importLibrarySymbols(library) {
  return execFileSync(NM, ['--defined-only', join(MINGW_LIB, `lib${library}.a`)], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}
