// `npm run examples`: runs every compiled example program and fails if one fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'build/examples';
const programs = readdirSync(dir).filter((name) => name.endsWith('.js') && name !== 'libc.js');
let failed = 0;
for (const program of programs.sort()) {
  const result = spawnSync(process.execPath, [join(dir, program)], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${program} failed with exit code ${result.status}`);
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);
