// An out-parameter Windows fills with memory the caller frees: SHGetKnownFolderPath's PWSTR
// *ppszPath, freed with CoTaskMemFree, adopted at declaration. These call shell32 and ole32 for
// real (under Wine in CI, `npm run test:win32`); off Windows they are skipped with the reason.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import {
  array,
  calloc,
  DoubleFreeError,
  free,
  LeakTracker,
  type Pointer,
  struct,
  UseAfterFreeError,
  u8,
  u16,
  u32,
  using,
} from 'ffi-arena';
import { LPWSTR, win32Library } from 'ffi-arena/win32';

const windowsOnly = {
  skip: process.platform !== 'win32' && 'Windows only: npm run test:win32 runs it under Wine',
};

const GUID = struct('GUID', { Data1: u32, Data2: u16, Data3: u16, Data4: array(u8, 8) });
// FOLDERID_RoamingAppData, {3EB685DB-65F9-4CF6-A03A-E3EF65729F3D}: %APPDATA%.
const ROAMING_APP_DATA = {
  Data1: 0x3eb685db,
  Data2: 0x65f9,
  Data3: 0x4cf6,
  Data4: [0xa0, 0x3a, 0xe3, 0xef, 0x65, 0x72, 0x9f, 0x3d],
};
const S_OK = 0;
const FAILED = (hr: number) => hr >= 0x80000000;

const ole32 = win32Library('ole32.dll');
const CoTaskMemFree = ole32.func('void CoTaskMemFree(LPVOID pv)');
/** CoTaskMemFree, counted: the test knows each block went back exactly once. */
let frees = 0;
function countedCoTaskMemFree(address: bigint): void {
  frees++;
  CoTaskMemFree(address);
}

const shell32 = win32Library('shell32.dll');
const SIGNATURE =
  'HRESULT SHGetKnownFolderPath(const GUID *rfid, DWORD dwFlags, HANDLE hToken, PWSTR *ppszPath)';
const SHGetKnownFolderPath = shell32.func(SIGNATURE, {
  types: { GUID },
  free: { ppszPath: countedCoTaskMemFree },
});

afterEach(() => {
  LeakTracker.reset();
  LeakTracker.enabled = true;
});

/** The GUID of a known folder, in `arena`-like memory the caller frees. */
function folderId(fields: typeof ROAMING_APP_DATA): Pointer<typeof GUID> {
  const id = calloc.alloc(GUID);
  id.value = fields;
  return id;
}

test(
  'SHGetKnownFolderPath: ppszPath is adopted, reads as %APPDATA%, and CoTaskMemFree frees it once',
  windowsOnly,
  () => {
    const id = folderId(ROAMING_APP_DATA);
    const slot = calloc.alloc(LPWSTR);
    const before = frees;
    assert.equal(SHGetKnownFolderPath(id, 0, 0, slot), S_OK);
    const path = slot.value;
    assert.equal(path.toUtf16String(), process.env.APPDATA);
    assert.equal(path.lifetime.owner?.name, 'countedCoTaskMemFree');
    free(path);
    assert.equal(frees - before, 1);
    assert.throws(() => free(path), DoubleFreeError);
    assert.throws(() => path.toUtf16String(), UseAfterFreeError);
    assert.equal(frees - before, 1, 'the double free never reached CoTaskMemFree');
    free(slot);
    free(id);
  },
);

test(
  'the path from an arena slot is freed with CoTaskMemFree when the arena is released',
  windowsOnly,
  () => {
    const id = folderId(ROAMING_APP_DATA);
    const before = frees;
    const text = using((arena) => {
      const slot = arena.alloc(LPWSTR);
      SHGetKnownFolderPath(id, 0, 0, slot);
      return slot.value.toUtf16String();
    });
    assert.equal(text, process.env.APPDATA);
    assert.equal(frees - before, 1);
    free(id);
  },
);

test(
  'a path never freed is a leak whose allocator is the deallocator and whose site is the call',
  windowsOnly,
  () => {
    const direct = shell32.func(SIGNATURE, { types: { GUID }, free: { ppszPath: CoTaskMemFree } });
    const id = folderId(ROAMING_APP_DATA);
    const slot = calloc.alloc(LPWSTR);
    const leaks = LeakTracker.track(() => {
      direct(id, 0, 0, slot);
    });
    assert.equal(leaks.length, 1);
    assert.equal(leaks[0]!.allocator, 'CoTaskMemFree');
    assert.equal(leaks[0]!.address, slot.value.address);
    assert.match(leaks[0]!.site, /out-parameters\.test\.[jt]s:\d+/);
    free(slot.value); // through the declared CoTaskMemFree itself
    assert.deepEqual(LeakTracker.report().includes('CoTaskMemFree'), false);
    free(slot);
    free(id);
  },
);

test(
  'a failing call adopts nothing: an unknown folder id gives a failed HRESULT and no block',
  windowsOnly,
  () => {
    const checked = shell32.func(SIGNATURE, {
      types: { GUID },
      free: { ppszPath: { deallocator: countedCoTaskMemFree, when: (hr) => !FAILED(hr) } },
    });
    const unknown = folderId({ Data1: 1, Data2: 2, Data3: 3, Data4: [4, 5, 6, 7, 8, 9, 10, 11] });
    const slot = calloc.alloc(LPWSTR);
    const before = frees;
    const leaks = LeakTracker.track(() => {
      const hr = checked(unknown, 0, 0, slot);
      assert.ok(FAILED(hr), `HRESULT 0x${hr.toString(16)}`);
    });
    assert.deepEqual(leaks, []);
    assert.equal(slot.value.lifetime.owner, null, 'whatever is there was not adopted');
    assert.equal(frees, before);
    free(slot);
    free(unknown);
  },
);
