import type { Leak } from './records.js';

/** Leaks that share an allocation site. */
interface SiteGroup {
  readonly kind: Leak['kind'];
  readonly site: string;
  readonly leaks: Leak[];
  bytes: number;
}

/** Groups leaks by kind and site, the biggest total first. */
function groupBySite(leaks: readonly Leak[]): SiteGroup[] {
  // One map per kind, keyed by site: no per-leak key string (reports can hold 100,000 leaks).
  const byKind = { allocation: new Map<string, SiteGroup>(), arena: new Map<string, SiteGroup>() };
  for (const leak of leaks) {
    const groups = byKind[leak.kind];
    let group = groups.get(leak.site);
    if (group === undefined) {
      group = { kind: leak.kind, site: leak.site, leaks: [], bytes: 0 };
      groups.set(leak.site, group);
    }
    group.leaks.push(leak);
    group.bytes += leak.size;
  }
  return [...byKind.allocation.values(), ...byKind.arena.values()].sort(
    (a, b) => b.bytes - a.bytes || b.leaks.length - a.leaks.length,
  );
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

function bytes(count: number): string {
  return plural(count, 'byte');
}

function describeGroup(group: SiteGroup): string[] {
  const first = group.leaks[0]!;
  const kinds = new Map<string, Set<string>>(); // type -> allocators, without a string per leak
  for (const leak of group.leaks) {
    let allocators = kinds.get(leak.type);
    if (allocators === undefined) {
      allocators = new Set();
      kinds.set(leak.type, allocators);
    }
    allocators.add(leak.allocator);
  }
  const types = [...kinds]
    .flatMap(([type, allocators]) => [...allocators].map((a) => `${type} from ${a}`))
    .join(', ');
  const head =
    group.kind === 'arena'
      ? `${plural(group.leaks.length, 'arena')} never released, holding ${bytes(group.bytes)}, created at ${group.site}`
      : `${bytes(group.bytes)} in ${plural(group.leaks.length, 'allocation')} at ${group.site}`;
  const lines = [`  ${head}`, `      ${types}`];
  for (const frame of first.stack) lines.push(`      at ${frame}`);
  const lost = group.leaks.filter((l) => l.unreachable).length;
  if (lost > 0) {
    lines.push(
      `      ${plural(lost, 'pointer')} to this memory ${lost === 1 ? 'was' : 'were'} garbage-collected without being freed: the memory is still allocated and can no longer be freed.`,
    );
  }
  return lines;
}

/** The human-readable report: a summary line, then one entry per site, biggest first. */
export function textReport(leaks: readonly Leak[]): string {
  if (leaks.length === 0) return 'ffi-arena: no native memory leaks.';
  const total = leaks.reduce((sum, leak) => sum + leak.size, 0);
  const lines = [`ffi-arena: ${plural(leaks.length, 'leak')}, ${bytes(total)} of native memory not freed`];
  for (const group of groupBySite(leaks)) lines.push(...describeGroup(group));
  return lines.join('\n');
}

/** The report for tools: the same content as JSON. */
export function jsonReport(leaks: readonly Leak[]): string {
  const total = leaks.reduce((sum, leak) => sum + leak.size, 0);
  return JSON.stringify(
    {
      count: leaks.length,
      totalBytes: total,
      sites: groupBySite(leaks).map((group) => ({
        kind: group.kind,
        site: group.site,
        count: group.leaks.length,
        bytes: group.bytes,
      })),
      leaks: leaks.map((leak) => ({
        kind: leak.kind,
        address: `0x${leak.address.toString(16)}`,
        size: leak.size,
        type: leak.type,
        allocator: leak.allocator,
        site: leak.site,
        stack: leak.stack,
        at: leak.at?.toISOString() ?? null,
        unreachable: leak.unreachable,
      })),
    },
    null,
    2,
  );
}
