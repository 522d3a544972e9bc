import { AuditVerifyResponse } from '@vantix/contracts';
import { ChainHead } from '../anchor/file-anchor';
import { ChainedEventFields, ChainKeys, ChainLinkProblem, checkChainLink, GENESIS_HASH } from '../chain/event-hash';

/** The API's verify response, plus why the first broken event is broken. */
export interface AuditVerifyResult extends AuditVerifyResponse {
  /** Which check failed at firstBrokenId (see ChainLinkProblem; anchor_mismatch: not the hash anchored for it). */
  problem?: ChainLinkProblem | 'anchor_mismatch';
}

type StoredEvent = ChainedEventFields & { prevHash: string; hash: string };

export interface VerifyChainOptions<Row> {
  readPage: (afterSeq: bigint, take: number) => Promise<Row[]>;
  fieldsOf: (row: Row) => StoredEvent;
  /** The stored id and hash of the events with these sequence numbers (absent: no such event). */
  readHashes: (seqs: bigint[]) => Promise<Map<bigint, { id: string; hash: string }>>;
  pageSize: number;
  keys: ChainKeys;
  /** The heads anchored outside the database, or null without an anchor. */
  anchored: AsyncIterable<ChainHead> | null;
}

/**
 * 1. Walks the chain from the genesis in seq order, `pageSize` events per read,
 *    keeping only the previous hash in memory; stops at the first broken link
 *    (every event after it is unverifiable anyway).
 * 2. Checks every head anchored outside the database: the event must still be
 *    there with the same hash. Removing the newest events leaves a valid,
 *    shorter chain that only the anchor reveals ("truncated") — also when new
 *    events were appended after the removal.
 */
export async function verifyChain<Row extends { seq: bigint }>(
  options: VerifyChainOptions<Row>,
): Promise<AuditVerifyResult> {
  let expectedPrevHash = GENESIS_HASH;
  let afterSeq = BigInt(0);
  let checked = 0;
  let keyed = false;
  for (;;) {
    const rows = await options.readPage(afterSeq, options.pageSize);
    for (const row of rows) {
      const event = options.fieldsOf(row);
      checked += 1;
      const problem =
        event.keyId === null && keyed ? 'unkeyed_after_keyed' : checkChainLink(expectedPrevHash, event, options.keys);
      if (problem !== null) {
        return { ok: false, reason: 'hash_mismatch', checked, firstBrokenId: event.id, problem };
      }
      keyed ||= event.keyId !== null;
      expectedPrevHash = event.hash;
      afterSeq = row.seq;
    }
    if (rows.length < options.pageSize) {
      break;
    }
  }
  const headSeq = Number(afterSeq);
  const anchorProblem = options.anchored === null ? null : await checkAnchors(options, options.anchored);
  if (anchorProblem === null) {
    return { ok: true, checked, headSeq };
  }
  return 'firstBrokenId' in anchorProblem
    ? {
        ok: false,
        reason: 'hash_mismatch',
        checked,
        firstBrokenId: anchorProblem.firstBrokenId,
        problem: 'anchor_mismatch',
      }
    : { ok: false, reason: 'truncated', checked, headSeq, anchoredSeq: anchorProblem.anchoredSeq };
}

type AnchorProblem = { firstBrokenId: string } | { anchoredSeq: number };

/** The anchored heads, a page at a time; an edited one is reported before a missing one. */
async function checkAnchors<Row>(
  options: VerifyChainOptions<Row>,
  anchored: AsyncIterable<ChainHead>,
): Promise<AnchorProblem | null> {
  let missing: number | null = null;
  let batch: ChainHead[] = [];
  const flush = async (): Promise<AnchorProblem | null> => {
    const stored = await options.readHashes(batch.map((head) => BigInt(head.seq)));
    for (const head of batch) {
      const event = stored.get(BigInt(head.seq));
      if (event === undefined) {
        missing = Math.max(missing ?? 0, head.seq);
      } else if (event.hash !== head.hash) {
        return { firstBrokenId: event.id };
      }
    }
    batch = [];
    return null;
  };
  for await (const head of anchored) {
    batch.push(head);
    if (batch.length >= options.pageSize) {
      const problem = await flush();
      if (problem !== null) {
        return problem;
      }
    }
  }
  const problem = await flush();
  return problem ?? (missing === null ? null : { anchoredSeq: missing });
}
