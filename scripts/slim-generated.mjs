// After `tsc`: the generated Win32 modules' JavaScript keeps no documentation comments and no
// source maps. Their TSDoc stays in the declaration files, where editors read it; in the
// JavaScript it was most of the bytes Node decodes and scans on import (about a third of the
// generated types module's import time), and maps into generated code serve no one.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = join(import.meta.dirname, '..', 'dist', 'win32', 'generated');

function slim(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) slim(path);
    else if (entry.name.endsWith('.js.map')) rmSync(path);
    else if (entry.name.endsWith('.js')) {
      const source = readFileSync(path, 'utf8');
      // Generated code has comments only on lines of their own, and no string holds `/**`.
      const slimmed = source
        .replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, '')
        .replace(/^\/\/# sourceMappingURL=.*\n?/m, '');
      writeFileSync(path, slimmed);
    }
  }
}

slim(folder);
