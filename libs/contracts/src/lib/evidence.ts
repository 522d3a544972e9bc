/** The evidence bundle of a sync and the provenance of a Production record (issue 14, items 5 and 6). */
import type { AuditEventDto } from './audit';
import type { TableCounts } from './comparison';
import type { StoredSyncStatus, SyncApproval, SyncPlan, SyncResult } from './sync';

/** A row a sync inserted, fingerprinted in Production right after the insert, before COMMIT. */
export interface WrittenRecord {
  table: string;
  id: string;
  /** SHA-256 (hex) of the Production row's columns, as sync-core's db/fingerprint computes a review pin. */
  fingerprint: string;
}

/** The version of the evidence document's shape; a verifier refuses a version it does not know. */
export const EVIDENCE_FORMAT = 'vantix-sync-evidence/1';

/** One record of the plan, from review to Production. */
export interface EvidenceRecord {
  table: string;
  id: string;
  /** The fingerprint the comparison pinned for the record (null: a parent the comparison did not list). */
  reviewedFingerprint: string | null;
  /** Null when the sync has no result for it (still running, awaiting approval, or failed before applying). */
  status: 'inserted' | 'skipped' | 'failed' | null;
  reason: string | null;
  /** Inserted records only: the Production row's fingerprint right after the insert. */
  productionFingerprint: string | null;
  /** Both fingerprints known and equal: Production holds exactly the reviewed row. */
  matchesReview: boolean | null;
}

/** An audit event exactly as the chain holds it (every field its hash covers, with prevHash and hash). */
export type EvidenceEvent = AuditEventDto;

/**
 * GET /api/dev/syncs/:id/evidence and `vantix-sync evidence <syncId>`: one
 * self-contained document an auditor can keep and re-check
 * (`vantix-sync evidence verify file.json`).
 */
export interface SyncEvidence {
  format: typeof EVIDENCE_FORMAT;
  generatedAt: string;
  sync: {
    id: string;
    status: StoredSyncStatus;
    comparisonId: string;
    requestedAt: string;
    finishedAt: string | null;
    requestedBy: string | null;
    approvedBy: SyncApproval[];
    reason: string;
    summary: SyncResult['summary'] | null;
    recheckComparisonId: string | null;
    error: string | null;
  };
  comparison: {
    id: string;
    startedAt: string;
    finishedAt: string;
    /** Per table: rows on each side, and how many records were missing on each side or differed. */
    tables: TableCounts[];
  } | null;
  plan: SyncPlan;
  records: EvidenceRecord[];
  /** Every audit event naming the sync (payload.syncId), in chain order. */
  auditEvents: EvidenceEvent[];
  /** The newest event of the whole chain when the bundle was made: later checks find it unchanged. */
  chainHead: { seq: number; id: string; hash: string } | null;
  /** How to re-check the document without the server. */
  verification: {
    eventHash: string;
    fingerprint: string;
    command: string;
  };
}

/** GET /api/audit/provenance?table=&id=: which sync wrote a Production record, or that none did. */
export interface RecordProvenance {
  table: string;
  id: string;
  /** Whether Vantix Sync ever inserted this record into Production. */
  written: boolean;
  /** The syncs that inserted it, newest first (more than one only if Production lost the row in between). */
  writes: ProvenanceWrite[];
}

export interface ProvenanceWrite {
  syncId: string;
  comparisonId: string;
  /** When the sync committed. */
  insertedAt: string;
  requestedBy: string | null;
  approvedBy: SyncApproval[];
  reason: string;
  /** The Production row's fingerprint right after the insert (null for a sync that did not record it). */
  productionFingerprint: string | null;
}
