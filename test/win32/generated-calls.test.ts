// Real calls through the generated API under Windows (Wine in CI), across the DLLs, each checked
// against something independent: Node's own view of the process and the machine, the file system,
// the registry value written before, known encodings. Off Windows they are skipped with the reason.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { u8, u32, using, writeBytes } from 'ffi-arena';
import { WCHAR } from 'ffi-arena/win32';
import {
  BuildCommDCBW,
  CloseHandle,
  CoCreateGuid,
  CRYPT_STRING_BASE64,
  CRYPT_STRING_NOCRLF,
  CreateFileW,
  CreateSolidBrush,
  CryptBinaryToStringW,
  DCB,
  DeleteObject,
  FILE_ATTRIBUTE_NORMAL,
  FILE_SHARE_READ,
  GENERIC_READ,
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
  LARGE_INTEGER,
  lstrlenW,
  OBJ_BRUSH,
  OPEN_EXISTING,
  RPC_S_OK,
  S_OK,
  SetEnvironmentVariableW,
  SM_CXSCREEN,
  SM_CYSCREEN,
  StringFromGUID2,
  SysAllocString,
  SysFreeString,
  SysStringLen,
  timeGetTime,
  UuidCreate,
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

test('crypt32: CryptBinaryToStringW encodes base64 as Buffer does', windowsOnly, () => {
  using((arena) => {
    const bytes = Buffer.from('ffi-arena on Wine');
    const data = arena.alloc(u8, bytes.length);
    writeBytes(data, bytes);
    const size = arena.alloc(u32);
    const flags = (CRYPT_STRING_BASE64 | CRYPT_STRING_NOCRLF) >>> 0;
    assert.equal(CryptBinaryToStringW(data, bytes.length, flags, null, size).value, true);
    const text = arena.alloc(WCHAR, size.value);
    assert.equal(CryptBinaryToStringW(data, bytes.length, flags, text, size).value, true);
    assert.equal(text.toUtf16String(size.value), bytes.toString('base64'));
  });
});
