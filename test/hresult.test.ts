import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAILED, HRESULT_FROM_WIN32, SUCCEEDED } from '../src/win32/index.js';

test('HRESULT_FROM_WIN32 puts a Win32 code in FACILITY_WIN32 with the failure bit', () => {
  assert.equal(HRESULT_FROM_WIN32(1400), 0x80070578); // ERROR_INVALID_WINDOW_HANDLE
  assert.equal(HRESULT_FROM_WIN32(2), 0x80070002); // ERROR_FILE_NOT_FOUND
});

test('HRESULT_FROM_WIN32 leaves ERROR_SUCCESS and existing HRESULTs as they are', () => {
  assert.equal(HRESULT_FROM_WIN32(0), 0);
  assert.equal(HRESULT_FROM_WIN32(0x80004005), 0x80004005); // E_FAIL
});

test('SUCCEEDED and FAILED read the sign bit, for signed and unsigned forms alike', () => {
  assert.equal(SUCCEEDED(0), true);
  assert.equal(SUCCEEDED(1), true); // S_FALSE
  assert.equal(FAILED(0x80070578), true);
  assert.equal(FAILED(0x80070578 | 0), true);
  assert.equal(FAILED(0), false);
});
