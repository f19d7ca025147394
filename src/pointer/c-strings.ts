import { Buffer } from 'node:buffer';
import { InvalidUtf8Error } from '../errors.js';
import type { MemoryView } from '../native/memory-views.js';
import { hexAddress } from './lifetime.js';

/** Bytes before the first NUL among the `limit` bytes at `offset` (`limit` if there is none). */
export function utf8Length(view: DataView, offset: number, limit: number): number {
  const end = new Uint8Array(view.buffer, view.byteOffset + offset, limit).indexOf(0);
  return end === -1 ? limit : end;
}

/** UTF-16 code units before the first NUL unit among the `limit` units at `offset` (`limit` if none). */
export function utf16Length(view: DataView, offset: number, limit: number): number {
  let length = 0;
  while (length < limit && view.getUint16(offset + 2 * length, true) !== 0) length++;
  return length;
}

// ignoreBOM: a leading U+FEFF is text like any other, as the lenient decoder (Buffer) keeps it.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes exactly `length` bytes of UTF-8 at `offset`, NULs included. Invalid sequences become
 * U+FFFD, or, when `strict`, throw `InvalidUtf8Error` naming the first bad byte.
 */
export function decodeUtf8(view: MemoryView, offset: number, length: number, strict: boolean): string {
  const bytes = new Uint8Array(view.buffer, view.byteOffset + offset, length);
  if (!strict) return Buffer.from(bytes.buffer, bytes.byteOffset, length).toString('utf8');
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new InvalidUtf8Error(
      `the ${length} bytes at ${hexAddress(view.base + offset)} are not valid UTF-8: ${describeFailure(bytes)}; read without strict to get U+FFFD in place of invalid sequences.`,
    );
  }
}

/** Where UTF-8 decoding of `bytes` fails, for a message. */
function describeFailure(bytes: Uint8Array): string {
  const bad = firstFailingPrefix(bytes) - 1;
  if (bad === bytes.length) return 'they end inside a multi-byte sequence';
  return `decoding fails at byte ${bad} (0x${bytes[bad]!.toString(16).padStart(2, '0')})`;
}

/**
 * The length of the shortest prefix of `bytes` that does not decode, or `bytes.length + 1` if
 * only the end is incomplete. A streaming decoder holds back an incomplete sequence at the end
 * instead of failing, so a prefix decodes up to the first bad byte and never after it: the
 * boundary can be found by bisection.
 */
function firstFailingPrefix(bytes: Uint8Array): number {
  let decodes = 0;
  let fails = bytes.length + 1; // stands for the whole input, not streamed, which fails
  while (fails - decodes > 1) {
    const middle = (decodes + fails) >>> 1;
    if (prefixDecodes(bytes.subarray(0, middle))) decodes = middle;
    else fails = middle;
  }
  return fails;
}

function prefixDecodes(prefix: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const CHUNK = 8192;

/**
 * Decodes exactly `length` UTF-16LE code units at `offset`, NULs included. Lone surrogates are
 * kept as they are (Windows strings may hold them), so the result round-trips to the same units.
 */
export function decodeUtf16(view: DataView, offset: number, length: number): string {
  const units = new Uint16Array(length);
  for (let i = 0; i < length; i++) units[i] = view.getUint16(offset + 2 * i, true);
  let text = '';
  for (let i = 0; i < length; i += CHUNK) text += String.fromCharCode(...units.subarray(i, i + CHUNK));
  return text;
}
