// A known folder's path: SHGetKnownFolderPath allocates it with the COM allocator, so the caller
// adopts it with CoTaskMemFree, reads it, and frees it. FOLDERID_RoamingAppData is a GUID the
// headers declare as data (not a constant), so it is written out here.
import { adopt, free, pointerTo, u16, using } from 'ffi-arena';
import { WindowsException } from 'ffi-arena/win32';
import { CoTaskMemFree, GUID, KF_FLAG_DEFAULT, S_OK, SHGetKnownFolderPath } from 'ffi-arena/win32/api';

/** {3EB685DB-65F9-4CF6-A03A-E3EF65729F3D}: FOLDERID_RoamingAppData (knownfolders.h). */
const ROAMING_APP_DATA = {
  Data1: 0x3eb685db,
  Data2: 0x65f9,
  Data3: 0x4cf6,
  Data4: [0xa0, 0x3a, 0xe3, 0xef, 0x65, 0x72, 0x9f, 0x3d],
};

export function roamingAppDataPath(): string {
  return using((arena) => {
    const folderId = arena.alloc(GUID);
    folderId.ref.Data1 = ROAMING_APP_DATA.Data1;
    folderId.ref.Data2 = ROAMING_APP_DATA.Data2;
    folderId.ref.Data3 = ROAMING_APP_DATA.Data3;
    for (const [index, byte] of ROAMING_APP_DATA.Data4.entries()) folderId.ref.Data4.set(index, byte);
    const out = arena.alloc(pointerTo(u16));
    const hr = SHGetKnownFolderPath(folderId, KF_FLAG_DEFAULT, null, out);
    if (hr !== S_OK) throw new WindowsException(hr);
    const path = adopt(out.value, CoTaskMemFree); // the caller's to free, with CoTaskMemFree
    try {
      return path.toUtf16String();
    } finally {
      free(path);
    }
  });
}
