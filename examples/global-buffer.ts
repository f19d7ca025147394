// Mixing allocation strategies: a long-lived buffer allocated once and freed at shutdown, with
// short-lived temporaries in an arena for each call.
import { adaptiveCalloc, free, type Pointer, u8, using } from 'ffi-arena';
import { gethostname, strlen } from './libc.js';

const BUFFER_BYTES = 256;
let globalBuffer: Pointer<typeof u8> | undefined;

function setup(): void {
  globalBuffer = adaptiveCalloc.alloc(u8, BUFFER_BYTES);
}

function hostName(): string {
  return using((arena) => {
    const temp = arena.alloc(u8, BUFFER_BYTES);
    if (gethostname(temp, BUFFER_BYTES) !== 0) throw new Error('gethostname failed');
    const length = Number(strlen(temp));
    for (let i = 0; i <= length; i++) globalBuffer!.set(i, temp.get(i)); // copy into the long-lived buffer
    return globalBuffer!.toUtf8String();
  });
}

function cleanup(): void {
  if (globalBuffer !== undefined) free(globalBuffer);
  globalBuffer = undefined;
}

setup();
try {
  const name = hostName();
  if (name.length === 0) throw new Error('empty host name');
  console.log(`global buffer: host name "${name}", kept in a buffer that outlives the scope`);
} finally {
  cleanup();
}
