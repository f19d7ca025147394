// Win32 for real: these run under Windows Node.js (on Wine in CI, `npm run test:win32`) and call
// kernel32 and user32 through ffi-arena/win32. Off Windows they are skipped with the reason.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  calloc,
  free,
  Pointer,
  registerCallback,
  sizeOf,
  toNativeUtf16,
  u32,
  using,
  voidPtr,
} from 'ffi-arena';
import { expectNoLeaks } from 'ffi-arena/testing';
import {
  CreateWindowExW,
  DefWindowProcW,
  DeleteFileW,
  DestroyWindow,
  ERROR_FILE_NOT_FOUND,
  ERROR_INVALID_WINDOW_HANDLE,
  ERROR_PATH_NOT_FOUND,
  FORMAT_MESSAGE_ALLOCATE_BUFFER,
  FORMAT_MESSAGE_FROM_SYSTEM,
  FORMAT_MESSAGE_IGNORE_INSERTS,
  FormatMessageW,
  GetLastError,
  GetModuleHandleW,
  GetProcAddress,
  GetWindowPlacement,
  type HWND,
  IsZoomed,
  LocalFree,
  LPWSTR,
  RegisterClassExW,
  SetLastError,
  ShowWindow,
  SW_MAXIMIZE,
  SW_RESTORE,
  SW_SHOWMAXIMIZED,
  UnregisterClassW,
  WCHAR,
  WINDOWPLACEMENT,
  Win32Error,
  WindowsException,
  WNDCLASSEXW,
  WNDPROC,
  WS_OVERLAPPEDWINDOW,
  win32Library,
} from 'ffi-arena/win32';
import koffi from 'koffi';
import { cleanup, processImagePath, setup } from '../../examples/win32/global-buffer.js';
import { isWindowMaximized } from '../../examples/win32/is-window-maximized.js';
import { nestedArenas } from '../../examples/win32/nested-arenas.js';
import { processCreationTime } from '../../examples/win32/process-creation-time.js';
import { windowProcedure } from '../../examples/win32/window-procedure.js';

const windowsOnly = {
  skip: process.platform !== 'win32' && 'Windows only: npm run test:win32 runs it under Wine',
};

/** When this process started, by Node's clock: the oracle for GetProcessTimes. */
const processStart = Date.now() - performance.now();

let hWnd: HWND = 0n;
before(() => {
  if (process.platform !== 'win32') return;
  // A real top-level window of the predefined STATIC class: no window procedure needed.
  const { value, error } = CreateWindowExW(
    0,
    'STATIC',
    'ffi-arena test',
    WS_OVERLAPPEDWINDOW,
    10,
    10,
    320,
    240,
    null,
    null,
    null,
    null,
  );
  if (value === 0n) throw new WindowsException(error.toHRESULT());
  hWnd = value;
});
after(() => {
  if (hWnd !== 0n) DestroyWindow(hWnd);
});

test('the last error of a call is the one Win32Result reports, whatever ran in between', windowsOnly, () => {
  SetLastError(1234);
  assert.equal(GetLastError(), 1234);
  const { value, error } = DeleteFileW('Z:\\definitely\\not\\here.txt');
  assert.equal(value, false);
  assert.equal(error.code, ERROR_PATH_NOT_FOUND);
  assert.ok(error.message.length > 0, 'FormatMessageW has text for ERROR_PATH_NOT_FOUND');
});

test('a deliberately failing call returns value false and the expected error code', windowsOnly, () => {
  const missingFile = `${process.env.TEMP ?? 'C:\\windows\\temp'}\\ffi-arena-missing-${process.pid}.txt`;
  const { value, error } = DeleteFileW(missingFile);
  assert.equal(value, false);
  assert.ok(error instanceof Win32Error);
  assert.equal(error.code, ERROR_FILE_NOT_FOUND);
  assert.equal(error.toHRESULT(), 0x80070002);
});

test('FormatMessageW allocates the text of an error code, and LocalFree gives it back', windowsOnly, () => {
  using((arena) => {
    const out = arena.alloc(LPWSTR); // FORMAT_MESSAGE_ALLOCATE_BUFFER: lpBuffer is really a WCHAR**
    const flags = FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS;
    const { value: length, error } = FormatMessageW(
      flags,
      null,
      ERROR_FILE_NOT_FOUND,
      0,
      out.address,
      0,
      null,
    );
    if (length === 0) throw new WindowsException(error.toHRESULT());
    const text = out.value.cast(WCHAR, length).toUtf16String(length);
    assert.equal(text.trim(), new Win32Error(ERROR_FILE_NOT_FOUND).message);
    assert.equal(LocalFree(out.value).value, 0n, 'LocalFree returns NULL on success');
  });
});

test('processCreationTime() is within a few seconds of when this process started', windowsOnly, () => {
  const created = processCreationTime();
  const difference = Math.abs(created.getTime() - processStart);
  assert.ok(
    difference < 5000,
    `process created at ${created.toISOString()}, ${difference} ms from Node's start`,
  );
});

test(
  'isWindowMaximized follows ShowWindow(SW_MAXIMIZE) and ShowWindow(SW_RESTORE) on a real window',
  windowsOnly,
  () => {
    ShowWindow(hWnd, SW_MAXIMIZE);
    assert.equal(isWindowMaximized(hWnd), true);
    assert.equal(IsZoomed(hWnd), true);
    ShowWindow(hWnd, SW_RESTORE);
    assert.equal(isWindowMaximized(hWnd), false);
    assert.equal(IsZoomed(hWnd), false);
  },
);

test(
  'GetWindowPlacement on an invalid window is WindowsException 0x80070578 with the system message',
  windowsOnly,
  () => {
    const invalid = 0x7fff0001n;
    assert.throws(
      () => isWindowMaximized(invalid),
      (error: unknown) => {
        assert.ok(error instanceof WindowsException);
        assert.equal(error.hr, 0x80070578);
        assert.match(
          error.message,
          /\S.*\(HRESULT 0x80070578\)$/,
          'a non-empty system message before the HRESULT',
        );
        assert.ok(!error.message.startsWith('HRESULT'), `a system message: ${error.message}`);
        return true;
      },
    );
    using((arena) => {
      const placement = arena.alloc(WINDOWPLACEMENT);
      placement.ref.length = sizeOf(WINDOWPLACEMENT);
      const { value, error } = GetWindowPlacement(invalid, placement);
      assert.equal(value, false);
      assert.equal(error.code, ERROR_INVALID_WINDOW_HANDLE);
    });
  },
);

test(
  'GetWindowPlacement fills WINDOWPLACEMENT: showCmd of a maximized window is SW_SHOWMAXIMIZED',
  windowsOnly,
  () => {
    ShowWindow(hWnd, SW_MAXIMIZE);
    using((arena) => {
      const placement = arena.alloc(WINDOWPLACEMENT);
      placement.ref.length = sizeOf(WINDOWPLACEMENT);
      const { value } = GetWindowPlacement(hWnd, placement);
      assert.equal(value, true);
      assert.equal(placement.ref.showCmd, SW_SHOWMAXIMIZED);
      const normal = placement.ref.rcNormalPosition;
      assert.deepEqual([normal.left, normal.top, normal.right, normal.bottom], [10, 10, 330, 250]);
    });
    ShowWindow(hWnd, SW_RESTORE);
  },
);

test('the seed examples leak nothing', windowsOnly, async () => {
  await expectNoLeaks(() => {
    isWindowMaximized(hWnd);
    processCreationTime();
    assert.equal(nestedArenas().outerValue, 42);
    setup();
    try {
      assert.match(processImagePath(), /node\.exe$/i);
    } finally {
      cleanup();
    }
  });
});

test(
  'an inner arena pointer used after its scope throws instead of reading freed memory',
  windowsOnly,
  () => {
    const { escaped } = nestedArenas();
    assert.throws(() => escaped.value, { code: 'ERR_USE_AFTER_FREE' });
    assert.throws(() => GetWindowPlacement(hWnd, escaped as never), { code: 'ERR_INVALID_VALUE' });
  },
);

test(
  'calloc memory comes from CoTaskMemAlloc: the COM task allocator owns it, zeroed, and it round-trips',
  windowsOnly,
  () => {
    const words = calloc.alloc(u32, 1000);
    try {
      using((arena) => {
        // IMalloc is the COM task allocator's own interface: its DidAlloc and GetSize are the oracle.
        const CoGetMalloc = win32Library('ole32.dll').func<(context: number, out: unknown) => number>(
          'HRESULT CoGetMalloc(DWORD dwMemContext, LPVOID *ppMalloc)',
        );
        const out = arena.alloc(voidPtr);
        assert.equal(CoGetMalloc(1, out), 0);
        const malloc = out.value;
        const vtable = Pointer.fromAddress(malloc.address, voidPtr).value;
        const methods = Pointer.fromAddress(vtable.address, voidPtr, 9); // IUnknown(3) + Alloc … HeapMinimize
        const getSize = koffi.proto('size_t __stdcall IMalloc_GetSize(void *self, void *block)');
        const didAlloc = koffi.proto('int __stdcall IMalloc_DidAlloc(void *self, void *block)');
        assert.equal(koffi.call(methods.get(7).address, didAlloc, malloc.address, words.address), 1);
        assert.ok(Number(koffi.call(methods.get(6).address, getSize, malloc.address, words.address)) >= 4000);
      });
      for (let i = 0; i < 1000; i++) assert.equal(words.get(i), 0);
      for (let i = 0; i < 1000; i++) words.set(i, i * 7);
      const RtlCompareMemory = win32Library('ntdll.dll').func<(a: unknown, b: unknown, n: bigint) => bigint>(
        'SIZE_T RtlCompareMemory(LPCVOID a, LPCVOID b, SIZE_T n)',
      );
      assert.equal(RtlCompareMemory(words, words, 4000n), 4000n);
      assert.equal(words.get(999), 6993);
    } finally {
      free(words);
    }
  },
);

test(
  'a JavaScript window procedure receives WM_CREATE, WM_SIZE and WM_DESTROY; EnumWindows finds the window',
  windowsOnly,
  () => {
    const { messages, foundByEnumWindows } = windowProcedure(); // examples/win32/window-procedure.ts
    assert.equal(messages[0], 'WM_CREATE');
    assert.ok(
      messages.some((message) => /^WM_SIZE \d+x\d+$/.test(message)),
      messages.join(', '),
    );
    assert.equal(messages.at(-1), 'WM_DESTROY');
    assert.equal(foundByEnumWindows, true);
  },
);

test('a released window procedure is never run: the window is refused, not crashed', windowsOnly, () => {
  const className = `ffi-arena-stale-${process.pid}`;
  const hInstance = GetModuleHandleW(null).value;
  let runs = 0;
  const procedure = registerCallback(WNDPROC, (window, uMsg, wParam, lParam) => {
    runs++;
    return DefWindowProcW(window, uMsg, wParam, lParam);
  });
  using((arena) => {
    const wc = arena.alloc(WNDCLASSEXW);
    wc.ref.cbSize = sizeOf(WNDCLASSEXW);
    wc.ref.lpfnWndProc = procedure;
    wc.ref.hInstance = hInstance;
    wc.ref.lpszClassName = toNativeUtf16(className, arena);
    assert.notEqual(RegisterClassExW(wc).value, 0);
  });
  free(procedure);
  // CreateWindowExW sends WM_NCCREATE to the released procedure: C gets 0 (creation fails).
  assert.throws(
    () =>
      CreateWindowExW(
        0,
        className,
        'stale',
        WS_OVERLAPPEDWINDOW,
        0,
        0,
        100,
        100,
        null,
        null,
        hInstance,
        null,
      ),
    { code: 'ERR_USE_AFTER_FREE', message: /Callback<WNDPROC>/ },
  );
  assert.equal(runs, 0);
  assert.equal(UnregisterClassW(className, hInstance).value, true);
});

test('RegisterClassExW takes a WNDCLASSEXW with DefWindowProcW as its window procedure', windowsOnly, () => {
  const className = `ffi-arena-${process.pid}`;
  const hInstance = GetModuleHandleW(null).value;
  using((arena) => {
    const { value: defWindowProc } = GetProcAddress(GetModuleHandleW('user32.dll').value, 'DefWindowProcW');
    assert.ok(!defWindowProc.isNull);
    const wc = arena.alloc(WNDCLASSEXW);
    wc.ref.cbSize = sizeOf(WNDCLASSEXW);
    wc.ref.lpfnWndProc = defWindowProc.cast(WNDPROC); // FARPROC to WNDPROC, as C casts it
    wc.ref.hInstance = hInstance;
    wc.ref.lpszClassName = toNativeUtf16(className, arena);
    const { value: atom, error } = RegisterClassExW(wc);
    if (atom === 0) throw new WindowsException(error.toHRESULT());
  });
  const { value: window } = CreateWindowExW(
    0,
    className,
    'own class',
    WS_OVERLAPPEDWINDOW,
    0,
    0,
    200,
    100,
    null,
    null,
    hInstance,
    null,
  );
  assert.notEqual(window, 0n);
  assert.equal(isWindowMaximized(window), false);
  assert.equal(DestroyWindow(window).value, true);
  assert.equal(UnregisterClassW(className, hInstance).value, true);
});
