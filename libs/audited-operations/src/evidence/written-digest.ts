import { createHash } from 'node:crypto';
import { canonicalJson } from '@vantix/audit';
import type { WrittenRecord } from '@vantix/contracts';

/** What `sync.committed` chains of Production's fingerprints: their number and one digest over all of them. */
export interface WrittenDigest {
  count: number;
  sha256: string;
}

/**
 * hex(SHA-256(canonicalJson(records sorted by table, then id))) — one value
 * in the audit event instead of one fingerprint per record (a sync of 100,000
 * records would otherwise add megabytes to one event), yet every fingerprint
 * of the evidence bundle can be checked against the chain.
 */
export function writtenDigest(records: readonly WrittenRecord[]): WrittenDigest {
  const sorted = [...records]
    .map((r) => ({ table: r.table, id: r.id, fingerprint: r.fingerprint }))
    .sort((a, b) => (a.table === b.table ? compare(a.id, b.id) : compare(a.table, b.table)));
  return { count: sorted.length, sha256: createHash('sha256').update(canonicalJson(sorted), 'utf8').digest('hex') };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
