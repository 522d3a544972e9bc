import { ChainKeys, eventHash } from '../chain/event-hash';
import type { AuditDatabase } from '../database/audit-database';
import type { AuditEvent } from '../generated/client';
import { chainedFieldsOf } from './audit-event-row';

/**
 * Why this process may not extend the chain, or null: the newest event must
 * verify with the keys it holds. A process given another AUDIT_HMAC_KEY under
 * the same key id (a CLI whose key differs from the server's, a second server
 * set up by hand) would otherwise append events no verifier can tell from
 * forgeries — the chain would read "broken" from then on. An event under a
 * key id this process does not hold (a rotation whose old key is not listed)
 * is left to verify, which names it; appending after it breaks no link.
 */
export function chainHeadProblem(head: AuditEvent | null, keys: ChainKeys): string | null {
  if (head === null) {
    return null;
  }
  const stored = chainedFieldsOf(head);
  const recomputed = eventHash(stored.prevHash, stored, keys);
  if (recomputed === null || recomputed === stored.hash) {
    return null;
  }
  const key = stored.keyId === null ? 'unkeyed' : `key "${stored.keyId}"`;
  return (
    `the newest audit event (seq ${head.seq}, ${key}) does not verify with the configured AUDIT_HMAC_KEY: ` +
    'events appended with this key would break the chain — give this process the key that wrote the log ' +
    '(the server and the CLI need the same one), or run the chain check if that event was edited'
  );
}

/** {@link chainHeadProblem} of the store's newest event. */
export async function readChainHeadProblem(db: AuditDatabase, keys: ChainKeys): Promise<string | null> {
  const head = await db.prisma.auditEvent.findFirst({ orderBy: { seq: 'desc' } });
  return chainHeadProblem(head, keys);
}
