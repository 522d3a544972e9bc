import { AuditVerifyResponse } from '@vantix/contracts';
import { ChainedEventFields, ChainLinkProblem, checkChainLink, GENESIS_HASH } from '../chain/event-hash';

/** The API's verify response, plus why the first broken event is broken. */
export interface AuditVerifyResult extends AuditVerifyResponse {
  /** prev_hash_mismatch: an event before it was removed or reordered; hash_mismatch: it was edited. */
  problem?: ChainLinkProblem;
}

type StoredEvent = ChainedEventFields & { prevHash: string; hash: string };

/**
 * Walks the chain from the genesis in seq order, `pageSize` events per read,
 * keeping only the previous hash in memory. Stops at the first broken link:
 * every event after it is unverifiable anyway. (Removing the newest events
 * leaves a valid shorter chain; only a copy of the head hash kept elsewhere can
 * reveal that.)
 */
export async function verifyChain<Row extends { seq: bigint }>(
  readPage: (afterSeq: bigint, take: number) => Promise<Row[]>,
  fieldsOf: (row: Row) => StoredEvent,
  pageSize: number,
): Promise<AuditVerifyResult> {
  let expectedPrevHash = GENESIS_HASH;
  let afterSeq = BigInt(0);
  let checked = 0;
  for (;;) {
    const rows = await readPage(afterSeq, pageSize);
    for (const row of rows) {
      const event = fieldsOf(row);
      checked += 1;
      const problem = checkChainLink(expectedPrevHash, event);
      if (problem !== null) {
        return { ok: false, checked, firstBrokenId: event.id, problem };
      }
      expectedPrevHash = event.hash;
      afterSeq = row.seq;
    }
    if (rows.length < pageSize) {
      return { ok: true, checked };
    }
  }
}
