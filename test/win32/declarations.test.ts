// ffi-arena/win32 on every platform: declarations are checked when they are made, arguments when
// a function is called, and calling off Windows is a clear error, not a crash.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calloc, free, sizeOf } from 'ffi-arena';
import {
  FILETIME,
  FileTimeToSystemTime,
  GetProcessTimes,
  MSG,
  POINT,
  RECT,
  SetLastError,
  SYSTEMTIME,
  WINDOWPLACEMENT,
  Win32Error,
  type Win32Function,
  WindowsException,
  WNDCLASSEXW,
  win32Library,
} from 'ffi-arena/win32';

const isWindows = process.platform === 'win32';
const kernel32 = win32Library('kernel32.dll');

test('well-formed declarations are accepted in the spellings of the Windows headers', () => {
  const signatures = [
    'BOOL GetProcessTimes(HANDLE hProcess, LPFILETIME lpCreationTime, LPFILETIME, FILETIME *, FILETIME*)',
    'BOOL WINAPI FileTimeToSystemTime(_In_ const FILETIME *lpFileTime, _Out_ LPSYSTEMTIME lpSystemTime);',
    'HANDLE __stdcall GetCurrentProcess(void)',
    'HANDLE GetCurrentProcess()',
    'unsigned long long Sum(unsigned int a, unsigned long b, long long, signed char c, double d, float)',
    'void Fill(char * * out, wchar_t *text, size_t n, uint64_t, intptr_t, u32, struct POINT *pt)',
    'HRESULT CoInitializeEx(LPVOID pvReserved, DWORD dwCoInit)',
    'DWORD GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize)',
  ];
  for (const signature of signatures) assert.equal(typeof kernel32.func(signature), 'function', signature);
});

test('a function is named after its declaration and checks its argument count', () => {
  const fn = kernel32.func('BOOL Beep(DWORD dwFreq, DWORD dwDuration)');
  assert.equal(fn.name, 'Beep');
  // @ts-expect-error: the declaration says two arguments, and TypeScript knows it.
  assert.throws(() => fn(1), { code: 'ERR_INVALID_ARGUMENT', message: /Beep takes 2 arguments; got 1/ });
});

const MALFORMED: [string, RegExp][] = [
  ['', /no '\('/],
  ['BOOL', /no '\('/],
  ['BOOL Beep(DWORD', /no '\)'/],
  ['BOOL Beep DWORD)', /no '\('/],
  ['Beep(DWORD)', /the result has no type/],
  ['BOOL (DWORD)', /the result has no type/],
  ['DWORD void(DWORD)', /no function name/],
  ['BOOL Beep(DWORD) extra', /unexpected "extra" after '\)'/],
  ['BOOL Beep(DWORD, , DWORD)', /parameter 2 is empty/],
  ['BOOL Beep(DWORD,)', /parameter 2 is empty/],
  ['int printf(const char *format, ...)', /variadic functions are not supported/],
  ['BOOL Beep(DWORD a b c)', /several words/],
  ['BOOL Beep(FILETIME * a b)', /words after its '\*'/],
  ['BOOL Beep(DWORD dw@)', /unexpected "@"/],
  ['BOOL 1Beep(DWORD)', /unexpected "1"/],
  ['void EnumThings(int (*callback)(int))', /function pointer types are not supported/],
  ['BOOL Beep(UNKNOWN_T x)', /argument 1 \(x\) has the unknown type "UNKNOWN_T"/],
  ['MYRESULT Beep(DWORD)', /Beep's result has the unknown type "MYRESULT"/],
  ['BOOL Beep(void x)', /cannot be void/],
  ['BOOL DWORD Beep(DWORD)', /unexpected "DWORD" before Beep/],
];

test('a malformed signature is an InvalidSignatureError that says what is wrong', () => {
  for (const [signature, message] of MALFORMED) {
    assert.throws(() => kernel32.func(signature), { code: 'ERR_INVALID_SIGNATURE', message }, signature);
  }
  assert.throws(() => kernel32.func(42 as never), {
    code: 'ERR_INVALID_SIGNATURE',
    message: /must be a string/,
  });
});

test('your own types are found by the names the signature uses', () => {
  const fn = kernel32.func('BOOL Use(MYPOINT *p, LPMYPOINT q)', {
    types: { MYPOINT: POINT, LPMYPOINT: POINT },
  });
  assert.equal(fn.name, 'Use');
  assert.throws(() => kernel32.func('BOOL Use(X *p)', { types: { X: 'POINT' as never } }), {
    code: 'ERR_INVALID_SIGNATURE',
    message: /options.types.X is not an ffi-arena type/,
  });
  assert.throws(() => kernel32.func('BOOL Beep(DWORD)', { setsLastError: 'yes' as never }), {
    code: 'ERR_INVALID_SIGNATURE',
  });
  assert.throws(() => win32Library(''), { code: 'ERR_INVALID_ARGUMENT' });
});

test('a Pointer of the wrong struct type is refused, naming both types', () => {
  const creation = calloc.alloc(FILETIME);
  const wrong = calloc.alloc(SYSTEMTIME);
  try {
    assert.throws(() => FileTimeToSystemTime(wrong as never, wrong), {
      code: 'ERR_INVALID_VALUE',
      message:
        /FileTimeToSystemTime argument 1 \(lpFileTime\) is declared FILETIME\*; got Pointer<SYSTEMTIME>/,
    });
    assert.throws(() => GetProcessTimes(-1n, creation, creation, creation, wrong as never), {
      code: 'ERR_INVALID_VALUE',
      message: /argument 5 \(lpUserTime\) is declared FILETIME\*/,
    });
  } finally {
    free(creation);
    free(wrong);
  }
});

test('a freed pointer passed to a Win32 function is a use-after-free error, never a native call', () => {
  const time = calloc.alloc(FILETIME);
  const system = calloc.alloc(SYSTEMTIME);
  free(time);
  try {
    assert.throws(() => FileTimeToSystemTime(time, system), { code: 'ERR_USE_AFTER_FREE' });
  } finally {
    free(system);
  }
});

test('integers are checked against their declared range; handles take bigints, numbers or null', () => {
  const fn = kernel32.func('BOOL Probe(DWORD dw, WORD w, HANDLE h, BOOL b)');
  const bad: unknown[][] = [
    [-1, 0, 0n, 0],
    [2 ** 32, 0, 0n, 0],
    [1.5, 0, 0n, 0],
    ['1', 0, 0n, 0],
    [0, 65536, 0n, 0],
    [0, 0, 'h', 0],
    [0, 0, 2n ** 64n, 0],
    [0, 0, 0n, 'yes'],
  ];
  for (const args of bad)
    assert.throws(
      () => (fn as Win32Function)(...(args as never[])),
      { code: 'ERR_INVALID_VALUE' },
      String(args),
    );
});

test(
  'off Windows, calling is an UnsupportedPlatformError (and importing was fine)',
  { skip: isWindows && 'this is Windows' },
  () => {
    assert.throws(() => SetLastError(0), {
      code: 'ERR_UNSUPPORTED_PLATFORM',
      message: /SetLastError \(kernel32.dll\) is Windows only; this is/,
    });
    assert.throws(() => kernel32.func('BOOL Beep(DWORD, DWORD)')(440, 10), {
      code: 'ERR_UNSUPPORTED_PLATFORM',
    });
  },
);

test('Win32Error and WindowsException carry the code and the unsigned HRESULT', () => {
  const error = new Win32Error(1400);
  assert.equal(error.code, 1400);
  assert.equal(error.toHRESULT(), 0x80070578);
  const exception = new WindowsException(error.toHRESULT());
  assert.ok(exception instanceof Error);
  assert.equal(exception.name, 'WindowsException');
  assert.equal(exception.hr, 0x80070578);
  assert.match(exception.message, /HRESULT 0x80070578/);
  assert.equal(new WindowsException(-2147023496).hr, 0x80070578); // the same HRESULT, signed
  assert.throws(() => new Win32Error(1.5), { code: 'ERR_INVALID_ARGUMENT' });
  assert.throws(() => new WindowsException(2 ** 32), { code: 'ERR_INVALID_ARGUMENT' });
});

test('WindowsException with a message: e.message is exactly that message, as in Dart; the HRESULT is in e.hr and String(e)', () => {
  const custom = new WindowsException(0x80070005, { message: 'cannot open the settings file' });
  assert.equal(custom.message, 'cannot open the settings file');
  assert.equal(custom.hr, 0x80070005);
  assert.equal(String(custom), 'WindowsException: cannot open the settings file (HRESULT 0x80070005)');
  const system = new WindowsException(0x80004005);
  assert.match(
    system.message,
    /HRESULT 0x80004005\)?$/,
    'without a message: the system text and the HRESULT',
  );
  assert.equal(String(system), `WindowsException: ${system.message}`, 'the HRESULT once, not twice');
  assert.throws(() => new WindowsException(0x80004005, { message: 42 as never }), {
    code: 'ERR_INVALID_ARGUMENT',
  });
});

test('Win32 structs have the sizes the Windows SDK documents for x64', () => {
  // The mingw oracle (layout.test.ts, under Wine) checks every offset; these are the headline sizes.
  assert.equal(sizeOf(POINT), 8);
  assert.equal(sizeOf(RECT), 16);
  assert.equal(sizeOf(FILETIME), 8);
  assert.equal(sizeOf(SYSTEMTIME), 16);
  assert.equal(sizeOf(WINDOWPLACEMENT), 44);
  assert.equal(sizeOf(WNDCLASSEXW), 80);
  assert.equal(sizeOf(MSG), 48);
});
