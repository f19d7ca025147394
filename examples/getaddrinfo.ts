// A list that C allocates and fills through a T ** out-parameter (getaddrinfo), walked from
// JavaScript through its own typed `ai_next`, and adopted with the library's own deallocator
// (freeaddrinfo), as the declaration says: freed when the arena that holds the out-parameter is
// released, and a leak if it never were.
import {
  array,
  cType,
  i32,
  library,
  pointerTo,
  struct,
  u8,
  u16,
  u16be,
  u32be,
  using,
  voidPtr,
} from 'ffi-arena';

const addrinfo = struct('addrinfo', {
  ai_flags: i32,
  ai_family: i32,
  ai_socktype: i32,
  ai_protocol: i32,
  ai_addrlen: cType('unsigned int'),
  ai_addr: voidPtr,
  ai_canonname: pointerTo(cType('char')),
  ai_next: pointerTo('addrinfo'), // struct addrinfo *
});
const sockaddr_in = struct('sockaddr_in', {
  sin_family: u16,
  sin_port: u16be, // network byte order
  sin_addr: u32be,
  sin_zero: array(u8, 8),
});

const libc = library('libc.so.6');
const types = { types: { addrinfo } };
const freeaddrinfo = libc.func('void freeaddrinfo(struct addrinfo *res)', types);
// What getaddrinfo writes into res is the caller's to free with freeaddrinfo, when it succeeds.
const getaddrinfo = libc.func(
  'int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res)',
  { types: { addrinfo }, free: { res: { deallocator: freeaddrinfo, when: (status) => status === 0 } } },
);
const AF_INET = 2;
const AI_NUMERICHOST = 4;
const AI_NUMERICSERV = 0x400;

const found = using((arena) => {
  const hints = arena.alloc(addrinfo);
  hints.value = { ai_family: AF_INET, ai_flags: AI_NUMERICHOST | AI_NUMERICSERV };
  const result = arena.alloc(pointerTo(addrinfo));
  const status = getaddrinfo('127.0.0.1', '8080', hints, result);
  if (status !== 0) throw new Error(`getaddrinfo failed: ${status}`);
  const list = result.value; // adopted: freeaddrinfo(list) when the arena is released
  const entries: string[] = [];
  for (let entry = list; !entry.isNull; entry = entry.ref.ai_next) {
    const address = entry.ref.ai_addr.cast(sockaddr_in).ref;
    const ip = [24, 16, 8, 0].map((shift) => (address.sin_addr >>> shift) & 0xff).join('.');
    entries.push(`${ip}:${address.sin_port} socktype ${entry.ref.ai_socktype}`);
  }
  return entries;
});

if (found.length === 0 || !found.every((entry) => entry.startsWith('127.0.0.1:8080'))) {
  throw new Error(`unexpected getaddrinfo results: ${found.join(', ')}`);
}
console.log(`getaddrinfo: ${found.length} entries (${found.join('; ')}), freed with freeaddrinfo`);
