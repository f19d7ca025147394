// A libc call that fails on purpose, and the errno it left: read right after the call.
import { ErrnoError, library } from 'ffi-arena';

const libc = library('libc.so.6');
const open = libc.func('int open(const char *path, int flags)', { errno: true });
const O_RDONLY = 0;

const { value: fd, errno } = open('/this/path/does/not/exist', O_RDONLY);
if (fd !== -1) throw new Error('open succeeded on a missing path');
const error = new ErrnoError(errno, 'open');
if (error.code !== 'ENOENT') throw new Error(`expected ENOENT, got ${error.code}`);
console.log(`errno: ${error.message}`);
