import type { AuditLog } from '@vantix/audit';
import {
  EVIDENCE_FORMAT,
  type EvidenceRecord,
  type RecordPin,
  type StoredSync,
  type SyncEvidence,
} from '@vantix/contracts';
import { type ComparisonStore, type SyncStore, tableCounts } from '@vantix/report-store';

/** What a bundle is read from: the stored sync and comparison, and the audit log. */
export interface EvidenceSources {
  audit: AuditLog;
  store: ComparisonStore;
  syncs: SyncStore;
}

/** How the bundle's hashes are made, for an auditor re-checking it by hand. */
export const EVIDENCE_VERIFICATION: SyncEvidence['verification'] = {
  eventHash:
    'hash = hex(HMAC-SHA-256(key named by keyId, prevHash + canonicalJson({id, occurredAt, type, actorId, ' +
    'actorEmail, requestId, clientIp, payload, keyId, clientRequestId}))) — canonicalJson sorts object keys; ' +
    "events with keyId null use plain SHA-256 without the last two fields. Each event's prevHash is the hash of " +
    "the event before it in the chain (seq order); the first event's is 64 zeros.",
  fingerprint:
    'fingerprint = hex(SHA-256(UTF-8 text of ARRAY[every column::text, in column-name order]::text[]::text)) of the ' +
    "row, as PostgreSQL spells it with TimeZone UTC, DateStyle 'ISO, YMD', IntervalStyle postgres, " +
    "extra_float_digits 1 and bytea_output hex; reviewedFingerprint is Development's row at the comparison, " +
    'productionFingerprint the Production row right after the insert. sync.committed chains writtenFingerprints = ' +
    '{count, sha256: hex(SHA-256(canonicalJson([{table, id, fingerprint} of every inserted record, sorted by table, ' +
    'then id])))}.',
  command: 'npx vantix-sync evidence verify <file>: exit 0 when every event is still in the verified chain, 1 when not',
};

/**
 * The evidence bundle of one stored sync (null for an unknown id): what was
 * reviewed (the comparison's counts and the pinned fingerprint of each
 * planned record), what was asked (plan, reason, requester, approvers), what
 * was written (per-record results with Production's fingerprints), and the
 * audit events that say so, with their hashes and the chain head at the time.
 */
export async function syncEvidence(sources: EvidenceSources, syncId: string): Promise<SyncEvidence | null> {
  // The head first: every event listed below is at or before it.
  const chainHead = await sources.audit.head();
  const sync = await sources.syncs.get(syncId);
  if (sync === null) {
    return null;
  }
  const [comparison, written, auditEvents] = await Promise.all([
    sources.store.get(sync.comparisonId, { recordsPerKind: 0 }),
    sources.syncs.written(sync.id),
    sources.audit.eventsOfSync(sync.id),
  ]);
  const pins = new Map<string, Map<string, RecordPin | null>>();
  for (const table of sync.plan.tables) {
    pins.set(table.table, await sources.store.pins(sync.comparisonId, table.table));
  }
  const fingerprints = new Map(written.map((w) => [`${w.table}\0${w.id}`, w.fingerprint]));
  return {
    format: EVIDENCE_FORMAT,
    generatedAt: new Date().toISOString(),
    sync: {
      id: sync.id,
      status: sync.status,
      comparisonId: sync.comparisonId,
      requestedAt: sync.requestedAt,
      finishedAt: sync.finishedAt,
      requestedBy: sync.requestedBy,
      approvedBy: sync.approvals ?? [],
      reason: sync.reason,
      summary: sync.summary,
      recheckComparisonId: sync.recheckComparisonId,
      error: sync.error,
    },
    comparison:
      comparison === null
        ? null
        : {
            id: comparison.id,
            startedAt: comparison.startedAt,
            finishedAt: comparison.finishedAt,
            tables: comparison.tables.map(tableCounts),
          },
    plan: sync.plan,
    records: evidenceRecords(sync, pins, fingerprints),
    auditEvents,
    chainHead,
    verification: EVIDENCE_VERIFICATION,
  };
}

/** Every planned record in plan order, with its result (null: still running, or failed before any). */
function evidenceRecords(
  sync: StoredSync,
  pins: Map<string, Map<string, RecordPin | null>>,
  fingerprints: Map<string, string>,
): EvidenceRecord[] {
  const results = new Map(sync.results.map((r) => [`${r.table}\0${r.id}`, r]));
  return sync.plan.tables.flatMap((table) =>
    [...table.selected, ...table.addedParents].map((id): EvidenceRecord => {
      const key = `${table.table}\0${id}`;
      const result = results.get(key);
      const reviewed = pins.get(table.table)?.get(id)?.fingerprint ?? null;
      const production = fingerprints.get(key) ?? null;
      return {
        table: table.table,
        id,
        reviewedFingerprint: reviewed,
        status: result?.status ?? null,
        reason: result?.reason ?? null,
        productionFingerprint: production,
        matchesReview: reviewed === null || production === null ? null : reviewed === production,
      };
    }),
  );
}
