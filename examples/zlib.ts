// zlib through declared functions: compress2 and uncompress with their uLongf * in/out lengths,
// and crc32, checked against Node's own zlib.
import { inflateSync, crc32 as nodeCrc32 } from 'node:zlib';
import { cType, library, u8, using } from 'ffi-arena';

const zlibTypes = {
  types: {
    Bytef: cType('unsigned char'),
    uInt: cType('unsigned int'),
    uLong: cType('unsigned long'),
    uLongf: cType('unsigned long'),
  },
};
const libz = library('libz.so.1');
const compressBound = libz.func('uLong compressBound(uLong sourceLen)', zlibTypes);
const compress2 = libz.func(
  'int compress2(Bytef *dest, uLongf *destLen, const Bytef *source, uLong sourceLen, int level)',
  zlibTypes,
);
const uncompress = libz.func(
  'int uncompress(Bytef *dest, uLongf *destLen, const Bytef *source, uLong sourceLen)',
  zlibTypes,
);
const crc32 = libz.func('uLong crc32(uLong crc, const Bytef *buf, uInt len)', zlibTypes);
const Z_OK = 0;

const text = 'ffi-arena and zlib, '.repeat(200);
const size = Buffer.byteLength(text);

const result = using((arena) => {
  // In: a string is copied for the call. Out: buffers from the arena, lengths through uLongf *.
  const compressed = arena.alloc(u8, Number(compressBound(size)));
  const compressedLength = arena.alloc(cType('unsigned long'));
  compressedLength.value = compressed.count;
  if (compress2(compressed, compressedLength, text, size, 9) !== Z_OK) throw new Error('compress2 failed');

  const restored = arena.alloc(u8, size);
  const restoredLength = arena.alloc(cType('unsigned long'));
  restoredLength.value = size;
  if (uncompress(restored, restoredLength, compressed, compressedLength.value) !== Z_OK) {
    throw new Error('uncompress failed');
  }
  const zlibBytes = Uint8Array.from({ length: Number(compressedLength.value) }, (_, i) => compressed.get(i));
  return {
    compressedBytes: Number(compressedLength.value),
    roundTrip: restored.toUtf8String(Number(restoredLength.value)) === text,
    inflatedByNode: inflateSync(zlibBytes).toString() === text,
    crc: Number(crc32(0, text, size)),
  };
});

if (!result.roundTrip || !result.inflatedByNode) throw new Error('zlib round trip failed');
if (result.crc !== nodeCrc32(text)) throw new Error(`crc32 ${result.crc} differs from node:zlib's`);
console.log(
  `zlib: ${size} bytes -> ${result.compressedBytes} and back; crc32 0x${result.crc.toString(16)} matches node:zlib`,
);
