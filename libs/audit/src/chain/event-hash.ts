import { createHash } from 'node:crypto';
import { canonicalJson, JsonObject } from './canonical-json';

/** The `prevHash` of the first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every field of an event that its hash covers (all but seq, prevHash and hash). */
export interface ChainedEventFields {
  id: string;
  /** ISO 8601 with milliseconds, UTC — exactly what `Date#toISOString` returns. */
  occurredAt: string;
  type: string;
  actorId: string | null;
  actorEmail: string | null;
  requestId: string | null;
  clientIp: string | null;
  payload: JsonObject;
}

/**
 * hash = hex(sha256(prevHash + canonicalJson(fields))). Chaining the previous
 * hash in means editing, removing or reordering any event changes every hash
 * after it; `seq` is left out because it is only the storage order.
 */
export function eventHash(prevHash: string, fields: ChainedEventFields): string {
  const covered: JsonObject = {
    id: fields.id,
    occurredAt: fields.occurredAt,
    type: fields.type,
    actorId: fields.actorId,
    actorEmail: fields.actorEmail,
    requestId: fields.requestId,
    clientIp: fields.clientIp,
    payload: fields.payload,
  };
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(covered), 'utf8').digest('hex');
}

export type ChainLinkProblem = 'prev_hash_mismatch' | 'hash_mismatch';

/**
 * Checks one stored event against the hash of the event before it (GENESIS_HASH
 * for the first): its prevHash must point there and its own hash must be the
 * recomputed one. Returns null when the link holds.
 */
export function checkChainLink(
  expectedPrevHash: string,
  stored: ChainedEventFields & { prevHash: string; hash: string },
): ChainLinkProblem | null {
  if (stored.prevHash !== expectedPrevHash) {
    return 'prev_hash_mismatch';
  }
  if (eventHash(stored.prevHash, stored) !== stored.hash) {
    return 'hash_mismatch';
  }
  return null;
}
