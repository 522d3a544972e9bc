import { randomUUID } from 'node:crypto';
import {
  AUDIT_EVENT_TYPES,
  AuditActor,
  AuditEventDto,
  AuditEventsQuery,
  AuditEventType,
  Page,
} from '@vantix/contracts';
import { JsonObject, toJsonValue } from '../chain/canonical-json';
import { AuditAnchor } from '../anchor/file-anchor';
import { ChainedEventFields, ChainKeys, eventHash, GENESIS_HASH } from '../chain/event-hash';
import { AuditDatabase } from '../database/audit-database';
import { shortMessage } from '@vantix/db-errors';
import { AuditUnavailableError, whileAvailable } from '../database/audit-unavailable-error';
import { decodeIntegerCursor, encodeCursor, InvalidQueryError, isUuid, pageLimit, toPage } from '../database/paging';
import type { Prisma } from '../generated/client';
import { chainedFieldsOf, toAuditEventDto } from './audit-event-row';
import { chainHeadProblem } from './chain-head';
import { scrubSecrets } from './scrub-secrets';
import { AuditVerifyResult, verifyChain } from './verify-chain';

/** What a caller records; the log adds id, time, prevHash and hash. */
export interface AuditEventInput {
  type: AuditEventType;
  actor: AuditActor;
  /** The server's id of the request. */
  requestId?: string | null;
  /** The X-Request-Id the client sent, kept beside the server's. */
  clientRequestId?: string | null;
  clientIp?: string | null;
  /** Any JSON-like object; normalised (see toJsonValue) and scrubbed of secrets before it is hashed. */
  payload: Record<string, unknown>;
}

/** The event itself is malformed (unknown type, payload not an object): a bug in the caller, not an outage. */
export class InvalidAuditEventError extends Error {
  override readonly name = 'InvalidAuditEventError';
}

export interface AuditLogOptions {
  /**
   * The HMAC keys (AUDIT_HMAC_KEY and retired ones): new events are hashed
   * with `current`, events of earlier keys verify with `previous`.
   */
  keys: ChainKeys;
  /** Where the head is anchored outside the database after every append; none: verify cannot see truncation. */
  anchor?: AuditAnchor;
  /** How long an append may wait for a connection, and then run, before it fails (default 10 s each). */
  appendTimeoutMs?: number;
  /** Events read per query by verify() (default 1,000). */
  verifyPageSize?: number;
}

// Every append takes this transaction-scoped advisory lock, so appends run one
// at a time and each reads the hash of the one committed just before it. The
// number is arbitrary but fixed ("VXAU"); the audit store is Vantix Sync's own
// database, so nothing else uses it.
const APPEND_LOCK = BigInt(0x56584155);
const CURSOR_KIND = 'audit';
const KNOWN_TYPES: ReadonlySet<string> = new Set(AUDIT_EVENT_TYPES);

/** The tamper-evident event log: append, read, verify. */
export class AuditLog {
  private readonly appendTimeoutMs: number;
  private readonly verifyPageSize: number;
  private readonly keys: ChainKeys;
  private readonly anchor: AuditAnchor | null;

  constructor(
    private readonly db: AuditDatabase,
    options: AuditLogOptions,
  ) {
    this.appendTimeoutMs = options.appendTimeoutMs ?? 10_000;
    this.verifyPageSize = options.verifyPageSize ?? 1_000;
    this.keys = options.keys;
    this.anchor = options.anchor ?? null;
  }

  /**
   * Records an event at the end of the chain and returns it as stored. The time
   * is the audit database's clock (one clock for every API instance, and
   * ascending with seq). Throws AuditUnavailableError when the event could not
   * be written for any reason — callers that must audit first stop there.
   */
  async append(input: AuditEventInput): Promise<AuditEventDto> {
    const payload = this.validPayload(input);
    try {
      const row = await this.db.prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${APPEND_LOCK})`;
          // READ COMMITTED: this statement's snapshot is taken after the lock was
          // granted, so it sees the event the previous lock holder committed.
          const head = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' } });
          const problem = chainHeadProblem(head, this.keys);
          if (problem !== null) {
            throw new Error(problem);
          }
          const [clock] = await tx.$queryRaw<{ now: Date }[]>`
            SELECT date_trunc('milliseconds', clock_timestamp()) AS now`;
          if (clock === undefined) {
            throw new Error('the audit store returned no time');
          }
          const now = clock.now;
          const prevHash = head?.hash ?? GENESIS_HASH;
          const fields: ChainedEventFields = {
            id: randomUUID(),
            occurredAt: now.toISOString(),
            type: input.type,
            actorId: input.actor.id,
            actorEmail: input.actor.email,
            requestId: input.requestId ?? null,
            clientIp: input.clientIp ?? null,
            payload,
            keyId: this.keys.current.id,
            clientRequestId: input.clientRequestId ?? null,
          };
          // Never null: the current key is always known.
          const hash = eventHash(prevHash, fields, this.keys) as string;
          return tx.auditEvent.create({ data: { ...fields, occurredAt: now, prevHash, hash } });
        },
        {
          isolationLevel: 'ReadCommitted',
          maxWait: this.appendTimeoutMs,
          timeout: this.appendTimeoutMs,
        },
      );
      // After the commit: the anchor describes what the database holds.
      this.anchor?.record({ seq: Number(row.seq), hash: row.hash, keyId: row.keyId });
      return toAuditEventDto(row);
    } catch (error) {
      throw new AuditUnavailableError(`could not record ${input.type}: ${shortMessage(error)}`, { cause: error });
    }
  }

  /**
   * Events newest first. Filters: `type` exact; `actor` a case-insensitive
   * substring of the actor's e-mail ("alice" finds alice@example.com);
   * `from` inclusive and `to` exclusive, ISO 8601. `cursor` is the previous
   * page's nextCursor; `limit` defaults to 50, at most 200.
   */
  async list(query: AuditEventsQuery = {}): Promise<Page<AuditEventDto>> {
    const limit = pageLimit(query.limit);
    const where = this.whereOf(query);
    const rows = await whileAvailable(() =>
      this.db.prisma.auditEvent.findMany({
        where,
        orderBy: { seq: 'desc' },
        take: limit + 1,
      }),
    );
    return toPage(rows, limit, toAuditEventDto, (row) => encodeCursor(CURSOR_KIND, row.seq.toString()));
  }

  /** One event by id, or null (also for an id that is not a uuid). */
  async get(id: string): Promise<AuditEventDto | null> {
    if (!isUuid(id)) {
      return null;
    }
    const row = await whileAvailable(() => this.db.prisma.auditEvent.findUnique({ where: { id } }));
    return row === null ? null : toAuditEventDto(row);
  }

  /**
   * Every event whose payload names this sync (`payload.syncId`), in chain
   * order — the events an evidence bundle lists. Found through the partial
   * index on `payload->>'syncId'`, not by scanning the log.
   */
  async eventsOfSync(syncId: string): Promise<AuditEventDto[]> {
    if (!isUuid(syncId)) {
      return [];
    }
    const seqs = await whileAvailable(() =>
      this.db.pool.query<{ seq: string }>(
        `SELECT seq FROM audit_events WHERE payload ? 'syncId' AND payload ->> 'syncId' = $1 ORDER BY seq`,
        [syncId],
      ),
    );
    return this.bySeq(seqs.rows.map((row) => BigInt(row.seq)));
  }

  /** The stored events with these ids, in chain order (ids not stored are simply absent). */
  async getMany(ids: readonly string[]): Promise<AuditEventDto[]> {
    const valid = ids.filter(isUuid);
    const rows = await whileAvailable(() =>
      this.db.prisma.auditEvent.findMany({ where: { id: { in: valid } }, orderBy: { seq: 'asc' } }),
    );
    return rows.map(toAuditEventDto);
  }

  /** The newest event of the chain (null for an empty log). */
  async head(): Promise<{ seq: number; id: string; hash: string } | null> {
    const row = await whileAvailable(() =>
      this.db.prisma.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, id: true, hash: true } }),
    );
    return row === null ? null : { seq: Number(row.seq), id: row.id, hash: row.hash };
  }

  /** The event stored at this position of the chain, or null. */
  async atSeq(seq: number): Promise<AuditEventDto | null> {
    const [event] = await this.bySeq([BigInt(seq)]);
    return event ?? null;
  }

  private async bySeq(seqs: bigint[]): Promise<AuditEventDto[]> {
    if (seqs.length === 0) {
      return [];
    }
    const rows = await whileAvailable(() =>
      this.db.prisma.auditEvent.findMany({ where: { seq: { in: seqs } }, orderBy: { seq: 'asc' } }),
    );
    return rows.map(toAuditEventDto);
  }

  /**
   * Recomputes the whole chain in seq order, a page at a time (memory does not
   * grow with the log), with the keys, and compares it with the anchored head.
   * `hash_mismatch` names the first event whose prevHash does not point at its
   * predecessor or whose HMAC does not match its content; `truncated` says the
   * database's chain ends before the anchored head.
   */
  verify(): Promise<AuditVerifyResult> {
    return whileAvailable(() =>
      verifyChain({
        readPage: (afterSeq, take) =>
          this.db.prisma.auditEvent.findMany({ where: { seq: { gt: afterSeq } }, orderBy: { seq: 'asc' }, take }),
        fieldsOf: chainedFieldsOf,
        readHashes: async (seqs) => {
          const rows = await this.db.prisma.auditEvent.findMany({
            where: { seq: { in: seqs } },
            select: { seq: true, id: true, hash: true },
          });
          return new Map(rows.map((row) => [row.seq, { id: row.id, hash: row.hash }]));
        },
        pageSize: this.verifyPageSize,
        keys: this.keys,
        anchored: this.anchor?.heads() ?? null,
      }),
    );
  }

  private validPayload(input: AuditEventInput): JsonObject {
    if (!KNOWN_TYPES.has(input.type)) {
      throw new InvalidAuditEventError(`unknown audit event type: ${String(input.type)}`);
    }
    const payload = scrubSecrets(toJsonValue(input.payload));
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new InvalidAuditEventError('an audit payload must be a JSON object');
    }
    return payload;
  }

  private whereOf(query: AuditEventsQuery): Prisma.AuditEventWhereInput {
    const where: Prisma.AuditEventWhereInput = {};
    if (query.type !== undefined) {
      if (!KNOWN_TYPES.has(query.type)) {
        throw new InvalidQueryError(`unknown event type: ${String(query.type)}`);
      }
      where.type = query.type;
    }
    if (query.actor !== undefined && CONTROL_CHARACTER.test(query.actor)) {
      // PostgreSQL text cannot hold NUL at all; no e-mail holds a control character.
      throw new InvalidQueryError('actor must not contain control characters');
    }
    if (query.actor !== undefined && query.actor !== '') {
      // Prisma passes `contains` to ILIKE unescaped: escape the wildcards so "%" means "%".
      where.actorEmail = {
        contains: query.actor.replace(/[\\%_]/g, '\\$&'),
        mode: 'insensitive',
      };
    }
    if (query.from !== undefined || query.to !== undefined) {
      where.occurredAt = {
        ...(query.from !== undefined ? { gte: parseInstant('from', query.from) } : {}),
        ...(query.to !== undefined ? { lt: parseInstant('to', query.to) } : {}),
      };
    }
    if (query.cursor !== undefined) {
      where.seq = { lt: decodeIntegerCursor(CURSOR_KIND, query.cursor) };
    }
    return where;
  }
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

// An ISO 8601 date or date-time; Date.parse alone would also accept "1" or "March 7".
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

function parseInstant(name: string, value: string): Date {
  const time = ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new InvalidQueryError(`${name} must be an ISO 8601 date or time, got "${value}"`);
  }
  return new Date(time);
}
