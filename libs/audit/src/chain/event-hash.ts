import { createHash, createHmac } from 'node:crypto';
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
  /** The key that hashed the event; null for the unkeyed events written before keyed hashing. */
  keyId: string | null;
  /** X-Request-Id as the client sent it (keyed events only). */
  clientRequestId: string | null;
}

/** An HMAC key of the chain (AUDIT_HMAC_KEY and its id); the secret never leaves the process. */
export interface ChainKey {
  id: string;
  secret: string;
}

/**
 * The keys the chain is written and checked with: `current` hashes new events,
 * `previous` are retired keys whose events must still verify after a rotation.
 */
export interface ChainKeys {
  current: ChainKey;
  previous?: readonly ChainKey[];
}

/**
 * hash = hex(HMAC-SHA-256(key, prevHash + canonicalJson(fields))), the key
 * chosen by the event's keyId. Chaining the previous hash in means editing,
 * removing or reordering any event changes every hash after it; the key means
 * nobody without it — the database's owner included — can compute a hash that
 * verifies. `seq` is left out because it is only the storage order. An event
 * with keyId null is one of the unkeyed SHA-256 events from before keyed hashing
 * (its covered fields are the original eight). Returns null when the event's
 * key is not known.
 */
export function eventHash(prevHash: string, fields: ChainedEventFields, keys: ChainKeys): string | null {
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
  if (fields.keyId === null) {
    return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(covered), 'utf8').digest('hex');
  }
  const key = findKey(keys, fields.keyId);
  if (key === null) {
    return null;
  }
  covered['keyId'] = fields.keyId;
  covered['clientRequestId'] = fields.clientRequestId;
  return createHmac('sha256', key.secret).update(prevHash, 'utf8').update(canonicalJson(covered), 'utf8').digest('hex');
}

function findKey(keys: ChainKeys, id: string): ChainKey | null {
  if (keys.current.id === id) {
    return keys.current;
  }
  return keys.previous?.find((key) => key.id === id) ?? null;
}

/**
 * prev_hash_mismatch: an event before it was removed or reordered;
 * hash_mismatch: it was edited, or re-hashed without the key;
 * unknown_key: hashed with a key this process was not given;
 * unkeyed_after_keyed: an unkeyed event after a keyed one (a rewrite that dropped the key).
 */
export type ChainLinkProblem = 'prev_hash_mismatch' | 'hash_mismatch' | 'unknown_key' | 'unkeyed_after_keyed';

/**
 * Checks one stored event against the hash of the event before it (GENESIS_HASH
 * for the first): its prevHash must point there and its own hash must be the
 * recomputed one. Returns null when the link holds.
 */
export function checkChainLink(
  expectedPrevHash: string,
  stored: ChainedEventFields & { prevHash: string; hash: string },
  keys: ChainKeys,
): ChainLinkProblem | null {
  if (stored.prevHash !== expectedPrevHash) {
    return 'prev_hash_mismatch';
  }
  const recomputed = eventHash(stored.prevHash, stored, keys);
  if (recomputed === null) {
    return 'unknown_key';
  }
  return recomputed === stored.hash ? null : 'hash_mismatch';
}
