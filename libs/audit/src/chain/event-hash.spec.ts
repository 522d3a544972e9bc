import { createHash } from 'node:crypto';
import { ChainedEventFields, checkChainLink, eventHash, GENESIS_HASH } from './event-hash';

const event: ChainedEventFields = {
  id: '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab',
  occurredAt: '2026-11-25T09:00:00.000Z',
  type: 'sync.requested',
  actorId: 'u1',
  actorEmail: 'admin@example.com',
  requestId: 'req-1',
  clientIp: '127.0.0.1',
  payload: { tables: ['customers'], count: 2 },
};

describe('eventHash', () => {
  it('is sha256 over the previous hash followed by the canonical JSON of the event', () => {
    const canonical =
      '{"actorEmail":"admin@example.com","actorId":"u1","clientIp":"127.0.0.1",' +
      '"id":"6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab","occurredAt":"2026-11-25T09:00:00.000Z",' +
      '"payload":{"count":2,"tables":["customers"]},"requestId":"req-1","type":"sync.requested"}';
    const expected = createHash('sha256')
      .update(GENESIS_HASH + canonical)
      .digest('hex');
    expect(eventHash(GENESIS_HASH, event)).toBe(expected);
  });

  it('starts the chain at 64 zeros', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('changes with any covered field and with the previous hash', () => {
    const base = eventHash(GENESIS_HASH, event);
    expect(eventHash('1'.repeat(64), event)).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...event, actorEmail: 'other@example.com' })).not.toBe(base);
    expect(
      eventHash(GENESIS_HASH, {
        ...event,
        payload: { tables: ['customers'], count: 3 },
      }),
    ).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...event, requestId: null })).not.toBe(base);
  });

  it('ignores key order in the payload', () => {
    expect(
      eventHash(GENESIS_HASH, {
        ...event,
        payload: { count: 2, tables: ['customers'] },
      }),
    ).toBe(eventHash(GENESIS_HASH, event));
  });
});

describe('checkChainLink', () => {
  const hash = eventHash(GENESIS_HASH, event);

  it('accepts an intact link', () => {
    expect(checkChainLink(GENESIS_HASH, { ...event, prevHash: GENESIS_HASH, hash })).toBeNull();
  });

  it('reports an edited event', () => {
    expect(
      checkChainLink(GENESIS_HASH, {
        ...event,
        clientIp: '10.0.0.1',
        prevHash: GENESIS_HASH,
        hash,
      }),
    ).toBe('hash_mismatch');
  });

  it('reports an event whose predecessor is not the one before it', () => {
    expect(
      checkChainLink('f'.repeat(64), {
        ...event,
        prevHash: GENESIS_HASH,
        hash,
      }),
    ).toBe('prev_hash_mismatch');
  });
});
