// Real calls through the generated API under Windows (Wine in CI), across the DLLs, each checked
// against something independent: Node's own view of the process and the machine, the file system,
// the registry value written before, known encodings. Off Windows they are skipped with the reason.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readBytes, u8, u32, using, writeBytes } from 'ffi-arena';
import { DWORD, RECT, WCHAR } from 'ffi-arena/win32';
import {
  BuildCommDCBW,
  CloseHandle,
  CoCreateGuid,
  CREATE_ALWAYS,
  CRYPT_STRING_BASE64,
  CRYPT_STRING_NOCRLF,
  CreateFileW,
  CreateSolidBrush,
  CryptBinaryToStringW,
  DCB,
  DeleteObject,
  EqualRect,
  FILE_ATTRIBUTE_NORMAL,
  FILE_BEGIN,
  FILE_SHARE_READ,
  GENERIC_READ,
  GENERIC_WRITE,
  GetCurrentProcessId,
  GetCurrentThreadId,
  GetEnvironmentVariableW,
  GetFileSizeEx,
  GetModuleFileNameW,
  GetObjectType,
  GetSystemMetrics,
  GUID,
  htonl,
  htons,
  IntersectRect,
  LARGE_INTEGER,
  lstrlenW,
  OBJ_BRUSH,
  OPEN_EXISTING,
  PtInRect,
  ReadFile,
  RPC_S_OK,
  S_OK,
  SetEnvironmentVariableW,
  SetFilePointer,
  SM_CXSCREEN,
  SM_CYSCREEN,
  StringFromGUID2,
  SysAllocString,
  SysFreeString,
  SysStringLen,
  timeGetTime,
  UuidCreate,
  WriteFile,
} from 'ffi-arena/win32/api';
import { windowTitles } from '../../examples/win32/enum-windows.js';
import { fileRoundTrip } from '../../examples/win32/file-round-trip.js';
import { roamingAppDataPath } from '../../examples/win32/known-folder.js';
import {
  deleteRegistryKey,
  readRegistryValue,
  writeRegistryValue,
} from '../../examples/win32/registry-value.js';
import { systemInfo } from '../../examples/win32/system-info.js';

const windowsOnly = {
  skip: process.platform !== 'win32' && 'Windows only: npm run test:win32 runs it under Wine',
};

test('kernel32: the process and thread ids are the ones Node knows', windowsOnly, () => {
  assert.equal(GetCurrentProcessId(), process.pid);
  assert.ok(GetCurrentThreadId() > 0);
});

test('kernel32: GetModuleFileNameW gives Node’s executable path', windowsOnly, () => {
  using((arena) => {
    const buffer = arena.alloc(WCHAR, 1024);
    const { value } = GetModuleFileNameW(null, buffer, 1024);
    assert.equal(buffer.toUtf16String(value).toLowerCase(), process.execPath.toLowerCase());
  });
});

test('kernel32: an environment variable set through Win32 is read back', windowsOnly, () => {
  const name = `FFI_ARENA_TEST_${process.pid}`;
  assert.equal(SetEnvironmentVariableW(name, 'été ✓').value, true);
  using((arena) => {
    const buffer = arena.alloc(WCHAR, 64);
    const { value } = GetEnvironmentVariableW(name, buffer, 64);
    assert.equal(buffer.toUtf16String(value), 'été ✓');
  });
  assert.equal(lstrlenW('hello'), 5);
});

test('kernel32: BuildCommDCBW fills DCB, bit-fields included, from a mode string', windowsOnly, () => {
  using((arena) => {
    const dcb = arena.alloc(DCB);
    dcb.ref.DCBlength = DCB.size;
    // `mode`'s old form; `p` asks for hardware flow control, which only bit-fields record.
    assert.equal(BuildCommDCBW('COM1:9600,n,7,1,p', dcb).value, true);
    assert.equal(dcb.ref.BaudRate, 9600);
    assert.equal(dcb.ref.ByteSize, 7);
    const { fOutxCtsFlow, fOutxDsrFlow, fDtrControl, fRtsControl, fOutX, fInX } = dcb.ref;
    // DTR_CONTROL_HANDSHAKE and RTS_CONTROL_HANDSHAKE are 2: bits 4-5 and 12-13 of the flags.
    assert.deepEqual(
      { fOutxCtsFlow, fOutxDsrFlow, fDtrControl, fRtsControl, fOutX, fInX },
      { fOutxCtsFlow: 1, fOutxDsrFlow: 1, fDtrControl: 2, fRtsControl: 2, fOutX: 0, fInX: 0 },
    );
  });
});

test('kernel32: GetFileSizeEx gives the size node:fs gives', windowsOnly, () => {
  const path = join(tmpdir(), `ffi-arena-size-${process.pid}.bin`);
  writeFileSync(path, Buffer.alloc(12345, 7));
  try {
    using((arena) => {
      const opened = CreateFileW(
        path,
        GENERIC_READ,
        FILE_SHARE_READ,
        null,
        OPEN_EXISTING,
        FILE_ATTRIBUTE_NORMAL,
        null,
      );
      const hFile = arena.adopt(opened.value, CloseHandle);
      const size = arena.alloc(LARGE_INTEGER);
      assert.equal(GetFileSizeEx(hFile, size).value, true);
      assert.equal(size.value.QuadPart, BigInt(statSync(path).size));
    });
  } finally {
    rmSync(path);
  }
});

test(
  'examples/win32/system-info: GetSystemInfo and GlobalMemoryStatusEx agree with node:os',
  windowsOnly,
  () => {
    const info = systemInfo();
    assert.equal(info.pageSize, 4096);
    assert.equal(info.processors, availableParallelism());
    assert.equal(info.totalPhysicalBytes, BigInt(totalmem()));
    assert.equal(info.architecture, 9); // PROCESSOR_ARCHITECTURE_AMD64
  },
);

test('examples/win32/file-round-trip: the bytes written are read back, and are on disk', windowsOnly, () => {
  const path = join(tmpdir(), `ffi-arena-round-trip-${process.pid}.txt`);
  try {
    assert.equal(fileRoundTrip(path, 'hello, wine ✓'), 'hello, wine ✓');
    assert.equal(readFileSync(path, 'utf8'), 'hello, wine ✓');
  } finally {
    rmSync(path, { force: true });
  }
});

test(
  'examples/win32/registry-value: the value written is read back with the two-call pattern',
  windowsOnly,
  () => {
    const subKey = `Software\\ffi-arena-test-${process.pid}`;
    writeRegistryValue(subKey, 'greeting', 'grüß dich');
    try {
      assert.equal(readRegistryValue(subKey, 'greeting'), 'grüß dich');
    } finally {
      deleteRegistryKey(subKey);
    }
  },
);

test('examples/win32/known-folder: the roaming AppData folder is %APPDATA%', windowsOnly, () => {
  assert.equal(roamingAppDataPath().toLowerCase(), (process.env.APPDATA ?? '').toLowerCase());
});

test(
  'examples/win32/enum-windows: EnumWindows with a JavaScript callback finds a new window',
  windowsOnly,
  () => {
    const title = `ffi-arena-enum-${process.pid}`;
    assert.ok(windowTitles(title).includes(title));
  },
);

test('user32: the screen metrics are Xvfb’s 1280x1024 (or a real screen’s)', windowsOnly, () => {
  const width = GetSystemMetrics(SM_CXSCREEN);
  const height = GetSystemMetrics(SM_CYSCREEN);
  if (process.env.DISPLAY !== undefined) assert.deepEqual([width, height], [1280, 1024]);
  else assert.ok(width > 0 && height > 0);
});

test('gdi32: a solid brush is a brush object until deleted', windowsOnly, () => {
  const brush = CreateSolidBrush(0x00ff00);
  assert.notEqual(brush, 0n);
  assert.equal(GetObjectType(brush), OBJ_BRUSH);
  assert.equal(DeleteObject(brush), true);
  assert.equal(GetObjectType(brush), 0);
});

test('ole32 and rpcrt4: new GUIDs are formatted as GUIDs and differ', windowsOnly, () => {
  using((arena) => {
    const a = arena.alloc(GUID);
    const b = arena.alloc(GUID);
    assert.equal(CoCreateGuid(a), S_OK);
    assert.equal(UuidCreate(b), RPC_S_OK);
    const text = arena.alloc(WCHAR, 39);
    assert.equal(StringFromGUID2(a, text, 39), 39);
    const formatted = text.toUtf16String(38);
    assert.match(formatted, /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
    assert.equal(Number.parseInt(formatted.slice(1, 9), 16), a.ref.Data1);
    assert.notEqual(a.ref.Data1 === b.ref.Data1 && a.ref.Data2 === b.ref.Data2, true);
  });
});

test('oleaut32: a BSTR knows its length', windowsOnly, () => {
  const bstr = SysAllocString('ffi-arena');
  try {
    assert.equal(SysStringLen(bstr), 9);
    assert.equal(bstr.toUtf16String(9), 'ffi-arena');
  } finally {
    SysFreeString(bstr);
  }
});

test('ws2_32: network byte order is big-endian', windowsOnly, () => {
  assert.equal(htons(0x1234), 0x3412);
  assert.equal(htonl(0x01020304), 0x04030201);
});

test('winmm: timeGetTime counts milliseconds', windowsOnly, () => {
  const before = timeGetTime();
  const until = Date.now() + 30;
  while (Date.now() < until);
  assert.ok(timeGetTime() - before >= 20);
});

/** CryptBinaryToStringW's base64 of `length` bytes from `data`: asked for its size, then written. */
function cryptBase64(data: Parameters<typeof CryptBinaryToStringW>[0], length: number): string {
  return using((arena) => {
    const size = arena.alloc(u32);
    const flags = (CRYPT_STRING_BASE64 | CRYPT_STRING_NOCRLF) >>> 0;
    assert.equal(CryptBinaryToStringW(data, length, flags, null, size).value, true);
    const text = arena.alloc(WCHAR, size.value);
    assert.equal(CryptBinaryToStringW(data, length, flags, text, size).value, true);
    return text.toUtf16String(size.value);
  });
}

test('crypt32: CryptBinaryToStringW encodes base64 as Buffer does', windowsOnly, () => {
  using((arena) => {
    const bytes = Buffer.from('ffi-arena on Wine');
    const data = arena.alloc(u8, bytes.length);
    writeBytes(data, bytes);
    assert.equal(cryptBase64(data, bytes.length), bytes.toString('base64'));
  });
});

test('user32: PtInRect takes its const RECT * as an object literal, copied for the call', windowsOnly, () => {
  const rect = { left: 10, top: 20, right: 110, bottom: 70 };
  assert.equal(PtInRect(rect, { x: 10, y: 20 }), true);
  assert.equal(PtInRect(rect, { x: 109, y: 69 }), true);
  assert.equal(PtInRect(rect, { x: 110, y: 69 }), false, 'right and bottom are outside');
  assert.equal(EqualRect(rect, { ...rect }), true);
  assert.equal(EqualRect(rect, { ...rect, left: 11 }), false);
});

test(
  'user32: IntersectRect reads two object literals and writes into a RECT the caller allocated',
  windowsOnly,
  () => {
    using((arena) => {
      const out = arena.alloc(RECT);
      const a = { left: 0, top: 0, right: 100, bottom: 100 };
      assert.equal(IntersectRect(out, a, { left: 50, top: 60, right: 150, bottom: 160 }), true);
      const edges = () => [out.ref.left, out.ref.top, out.ref.right, out.ref.bottom];
      assert.deepEqual(edges(), [50, 60, 100, 100]);
      const view = arena.alloc(RECT);
      view.value = { left: 90, top: 90, right: 95, bottom: 99 };
      assert.equal(IntersectRect(out, a, view.ref), true, 'a view is copied too');
      assert.deepEqual(edges(), [90, 90, 95, 99]);
    });
  },
);

test(
  'kernel32: WriteFile takes a Uint8Array for its const void *; ReadFile reads it back into memory',
  windowsOnly,
  () => {
    const path = join(tmpdir(), `ffi-arena-bytes-${process.pid}.bin`);
    const bytes = Uint8Array.from({ length: 3000 }, (_, i) => (i * 31) & 0xff);
    try {
      using((arena) => {
        const access = (GENERIC_READ | GENERIC_WRITE) >>> 0;
        const opened = CreateFileW(path, access, 0, null, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, null);
        const hFile = arena.adopt(opened.value, CloseHandle);
        const count = arena.alloc(DWORD);
        assert.equal(WriteFile(hFile, bytes, bytes.length, count, null).value, true);
        assert.equal(count.value, bytes.length);
        SetFilePointer(hFile, 0, null, FILE_BEGIN);
        const back = arena.alloc(u8, bytes.length);
        assert.equal(ReadFile(hFile, back, bytes.length, count, null).value, true);
        assert.deepEqual(readBytes(back, count.value), bytes);
      });
      assert.deepEqual(new Uint8Array(readFileSync(path)), bytes);
    } finally {
      rmSync(path, { force: true });
    }
  },
);

test('crypt32: CryptBinaryToStringW takes a Buffer for its const BYTE *', windowsOnly, () => {
  const bytes = Buffer.from('const bytes on Wine');
  assert.equal(cryptBase64(bytes, bytes.length), bytes.toString('base64'));
});

test('a non-const pointer of the generated API refuses a value before anything is loaded', () => {
  const into = new Uint8Array(16);
  // @ts-expect-error: ReadFile's void * lpBuffer is written by the callee: a Pointer only.
  assert.throws(() => ReadFile(0n, into, 16, null, null), {
    code: 'ERR_INVALID_VALUE',
    message:
      /ReadFile argument 2 \(lpBuffer\) is declared void\* without const: the callee writes through it/,
  });
  // @ts-expect-error: IntersectRect's RECT * lprcDst too.
  assert.throws(() => IntersectRect({ left: 0 }, { left: 0 }, { left: 0 }), {
    code: 'ERR_INVALID_VALUE',
    message: /IntersectRect argument 1 \(lprcDst\) is declared RECT\* without const/,
  });
});
