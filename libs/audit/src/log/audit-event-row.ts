import { AuditEventDto, AuditEventType } from '@vantix/contracts';
import { JsonObject } from '../chain/canonical-json';
import { ChainedEventFields } from '../chain/event-hash';
import type { AuditEvent } from '../generated/client';

/** The fields a stored row's hash covers, read back exactly as they were hashed. */
export function chainedFieldsOf(row: AuditEvent): ChainedEventFields & { prevHash: string; hash: string } {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    type: row.type,
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    requestId: row.requestId,
    clientIp: row.clientIp,
    // Written by append() as a JSON object; a tampered non-object simply fails verification.
    payload: row.payload as JsonObject,
    keyId: row.keyId,
    clientRequestId: row.clientRequestId,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** The API's shape of an event; the only way a row leaves this lib. */
export function toAuditEventDto(row: AuditEvent): AuditEventDto {
  return {
    id: row.id,
    // seq is a BIGSERIAL; one event per microsecond for 285 years stays below 2^53.
    seq: Number(row.seq),
    occurredAt: row.occurredAt.toISOString(),
    // append() only stores known types, and the table rejects UPDATE.
    type: row.type as AuditEventType,
    actor: { id: row.actorId, email: row.actorEmail },
    requestId: row.requestId,
    clientRequestId: row.clientRequestId,
    clientIp: row.clientIp,
    payload: row.payload as Record<string, unknown>,
    keyId: row.keyId,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
