// After `tsc`: the generated Win32 modules' JavaScript keeps no documentation comments, and no
// source or declaration maps are kept for them. Their TSDoc stays in the declaration files, where
// editors read it; in the JavaScript it was most of the bytes Node decodes and scans on import
// (about a third of the generated types module's import time). Maps would point into the
// generated sources, which the package does not ship (10 MB of what the declarations say).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = join(import.meta.dirname, '..', 'dist', 'win32', 'generated');

function slim(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) slim(path);
    else if (entry.name.endsWith('.map')) rmSync(path);
    else if (entry.name.endsWith('.d.ts')) {
      const source = readFileSync(path, 'utf8');
      writeFileSync(path, source.replace(/^\/\/# sourceMappingURL=.*\n?/m, ''));
    } else if (entry.name.endsWith('.js')) {
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
