import { Buffer } from 'node:buffer';

/** Decodes NUL-terminated UTF-8 from `[offset, offset + limit)`; invalid sequences become U+FFFD. */
export function decodeUtf8(view: DataView, offset: number, limit: number): string {
  const start = view.byteOffset + offset;
  const bytes = new Uint8Array(view.buffer, start, limit);
  const end = bytes.indexOf(0);
  return Buffer.from(view.buffer, start, end === -1 ? limit : end).toString('utf8');
}

const CHUNK = 8192;

/**
 * Decodes NUL-terminated UTF-16LE code units from at most `limit` units. Lone surrogates are kept
 * as they are (Windows strings may hold them), so the result round-trips to the same units.
 */
export function decodeUtf16(view: DataView, offset: number, limit: number): string {
  let length = 0;
  while (length < limit && view.getUint16(offset + 2 * length, true) !== 0) length++;
  const units = new Uint16Array(length);
  for (let i = 0; i < length; i++) units[i] = view.getUint16(offset + 2 * i, true);
  let text = '';
  for (let i = 0; i < length; i += CHUNK) text += String.fromCharCode(...units.subarray(i, i + CHUNK));
  return text;
}
