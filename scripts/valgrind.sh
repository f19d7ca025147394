#!/usr/bin/env bash
# `npm run test:valgrind`: the native paths of ffi-arena under valgrind memcheck
# (test/valgrind/workload.ts). Fails on any invalid read/write, invalid or mismatched free, or
# definitely-lost block that test/valgrind/node.supp does not explain. First proves it can fail:
# a canary run reads freed memory through an unchecked foreign pointer, and memcheck must see it.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "test:valgrind: valgrind is not installed (see .ci/run)" >&2; exit 1; }

npm run --silent build:test
memcheck() { # log file, script, then environment assignments
  local log=$1 script=$2
  shift 2
  env "$@" valgrind --tool=memcheck --suppressions=test/valgrind/node.supp --leak-check=full \
    --show-leak-kinds=definite --errors-for-leak-kinds=definite --error-exitcode=97 --num-callers=40 \
    node --expose-gc "$script" >"$log" 2>&1
}

canary=$(mktemp)
set +e
memcheck "$canary" build/test/valgrind/workload.js FFI_ARENA_VALGRIND_ROUNDS=1 FFI_ARENA_VALGRIND_CANARY=1
status=$?
set -e
if [ "$status" -ne 97 ] || ! grep -q 'Invalid read of size' "$canary"; then
  cat "$canary"
  echo "test:valgrind: the canary's read of freed memory was not reported (exit $status)" >&2
  exit 1
fi
echo "test:valgrind: canary reported as expected (a read of freed memory)"
rm -f "$canary"

# The workload, then suite files that free everything they allocate before exiting (a block still
# allocated at exit counts as definitely lost: its address lives only as a number in the JS heap).
failed=0
for script in build/test/valgrind/workload.js build/test/arena.test.js build/test/pointer.test.js \
  build/test/strings.test.js; do
  log=$(mktemp)
  set +e
  memcheck "$log" "$script"
  status=$?
  set -e
  echo "test:valgrind: $script: $(grep -E 'ERROR SUMMARY' "$log" | sed 's/^==[0-9]*== //')"
  if [ "$status" -ne 0 ]; then
    cat "$log"
    echo "test:valgrind: $script FAILED (exit $status)" >&2
    failed=1
  fi
  rm -f "$log"
done
exit "$failed"
