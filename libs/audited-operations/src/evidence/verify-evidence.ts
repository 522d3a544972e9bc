import { type AuditLog, canonicalJson, type JsonValue, toJsonValue } from '@vantix/audit';
import { type AuditEventDto, EVIDENCE_FORMAT, type SyncEvidence } from '@vantix/contracts';
import { type WrittenDigest, writtenDigest } from './written-digest';

/** The document is not an evidence bundle this version can check (CLI: exit 2). */
export class InvalidEvidenceError extends Error {
  override readonly name = 'InvalidEvidenceError';
}

/** What re-checking a bundle found: ok only when `problems` is empty. */
export interface EvidenceCheck {
  ok: boolean;
  syncId: string;
  /** Events of the bundle found unchanged in the store. */
  eventsChecked: number;
  /** Events of the whole chain the chain check recomputed. */
  chainChecked: number;
  /** One sentence per difference, naming the event or record. */
  problems: string[];
}

/** The fields of an event its hash covers, with seq and both hashes: what must still be stored exactly. */
const EVENT_FIELDS = [
  'seq',
  'occurredAt',
  'type',
  'actor',
  'requestId',
  'clientRequestId',
  'clientIp',
  'payload',
  'keyId',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof AuditEventDto)[];

/**
 * Re-checks an evidence bundle against the audit store, without trusting the
 * server that made it: the whole chain must verify (every hash recomputed with
 * the keys), every event the bundle lists must still be stored with exactly
 * the bundle's fields, the chain head it recorded must still be there with
 * its hash, and each record's Production fingerprint must be the one chained
 * in the sync's `sync.committed` event.
 * @throws InvalidEvidenceError when `document` is not a bundle of this format
 */
export async function verifyEvidence(audit: AuditLog, document: unknown): Promise<EvidenceCheck> {
  const bundle = asEvidence(document);
  const problems: string[] = [];
  const chain = await audit.verify();
  if (!chain.ok) {
    problems.push(
      chain.reason === 'truncated'
        ? `the audit chain is truncated: events up to seq ${chain.anchoredSeq} were anchored, the store ends at seq ${chain.headSeq}`
        : `the audit chain does not verify: event ${chain.firstBrokenId} is broken (${chain.problem ?? 'hash mismatch'})`,
    );
  }
  const stored = new Map((await audit.getMany(bundle.auditEvents.map((e) => e.id))).map((e) => [e.id, e]));
  let eventsChecked = 0;
  for (const event of bundle.auditEvents) {
    const now = stored.get(event.id);
    if (now === undefined) {
      problems.push(`event ${event.id} (${event.type}, seq ${event.seq}) is no longer in the audit log`);
      continue;
    }
    const changed = EVENT_FIELDS.filter((field) => !same(event[field], now[field]));
    if (changed.length > 0) {
      problems.push(`event ${event.id} (${event.type}, seq ${event.seq}) differs in the store: ${changed.join(', ')}`);
    } else {
      eventsChecked += 1;
    }
  }
  if (bundle.chainHead !== null) {
    const head = await audit.atSeq(bundle.chainHead.seq);
    if (head === null || head.id !== bundle.chainHead.id || head.hash !== bundle.chainHead.hash) {
      problems.push(`the chain head recorded in the bundle (seq ${bundle.chainHead.seq}) is not stored with its hash`);
    }
  }
  problems.push(...fingerprintProblems(bundle));
  return {
    ok: problems.length === 0,
    syncId: bundle.sync.id,
    eventsChecked,
    chainChecked: chain.checked,
    problems,
  };
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(toJsonValue(a) as JsonValue) === canonicalJson(toJsonValue(b) as JsonValue);
}

/** The records' Production fingerprints against the digest the chained sync.committed event holds. */
function fingerprintProblems(bundle: SyncEvidence): string[] {
  const committed = bundle.auditEvents.find((e) => e.type === 'sync.committed');
  if (committed === undefined) {
    return [];
  }
  const chained = committed.payload['writtenFingerprints'] as Partial<WrittenDigest> | undefined;
  const written = bundle.records
    .filter((r) => r.productionFingerprint !== null)
    .map((r) => ({ table: r.table, id: r.id, fingerprint: r.productionFingerprint as string }));
  const digest = writtenDigest(written);
  if (chained?.sha256 === digest.sha256 && chained.count === digest.count) {
    return [];
  }
  return [
    `the records' productionFingerprints (${digest.count}) are not the ones chained in sync.committed ` +
      `(${chained?.count ?? 'none'})`,
  ];
}

function asEvidence(document: unknown): SyncEvidence {
  const bundle = document as Partial<SyncEvidence> | null;
  if (bundle === null || typeof bundle !== 'object' || Array.isArray(bundle)) {
    throw new InvalidEvidenceError('the file is not a JSON object');
  }
  if (bundle.format !== EVIDENCE_FORMAT) {
    throw new InvalidEvidenceError(`format must be "${EVIDENCE_FORMAT}", got ${JSON.stringify(bundle.format ?? null)}`);
  }
  if (typeof bundle.sync?.id !== 'string') {
    throw new InvalidEvidenceError('sync.id is missing');
  }
  if (!Array.isArray(bundle.auditEvents) || bundle.auditEvents.length === 0) {
    throw new InvalidEvidenceError("auditEvents must list the sync's events");
  }
  const bad = bundle.auditEvents.findIndex(
    (e: Partial<AuditEventDto> | null) =>
      e === null ||
      typeof e !== 'object' ||
      typeof e.id !== 'string' ||
      typeof e.hash !== 'string' ||
      typeof e.prevHash !== 'string' ||
      typeof e.seq !== 'number' ||
      typeof e.payload !== 'object',
  );
  if (bad >= 0) {
    throw new InvalidEvidenceError(`auditEvents[${bad}] needs id, seq, prevHash, hash and payload`);
  }
  if (!Array.isArray(bundle.records)) {
    throw new InvalidEvidenceError('records must be a list');
  }
  const head = bundle.chainHead;
  if (head !== null && (typeof head !== 'object' || typeof head?.seq !== 'number' || typeof head.hash !== 'string')) {
    throw new InvalidEvidenceError('chainHead must be null or {seq, id, hash}');
  }
  return bundle as SyncEvidence;
}
