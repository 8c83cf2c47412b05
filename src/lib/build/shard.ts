/** Stable shard of a domain (FNV-1a): the same on every machine and run. */
export function shardOf(domain: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < domain.length; i++) h = Math.imul(h ^ domain.charCodeAt(i), 0x01000193) >>> 0;
  return h % count;
}
