import { createHash, createHmac } from 'node:crypto';
import { ChainedEventFields, ChainKeys, checkChainLink, eventHash, GENESIS_HASH } from './event-hash';

const keys: ChainKeys = {
  current: { id: 'k1', secret: 's'.repeat(32) },
  previous: [{ id: 'k0', secret: 'o'.repeat(32) }],
};

const event: ChainedEventFields = {
  id: '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab',
  occurredAt: '2026-11-25T09:00:00.000Z',
  type: 'sync.requested',
  actorId: 'u1',
  actorEmail: 'admin@example.com',
  requestId: 'req-1',
  clientIp: '127.0.0.1',
  payload: { tables: ['customers'], count: 2 },
  keyId: 'k1',
  clientRequestId: 'client-7',
};

describe('eventHash', () => {
  it('is HMAC-SHA-256 under the key of the event over the previous hash and the canonical JSON of the event', () => {
    const canonical =
      '{"actorEmail":"admin@example.com","actorId":"u1","clientIp":"127.0.0.1","clientRequestId":"client-7",' +
      '"id":"6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab","keyId":"k1","occurredAt":"2026-11-25T09:00:00.000Z",' +
      '"payload":{"count":2,"tables":["customers"]},"requestId":"req-1","type":"sync.requested"}';
    const expected = createHmac('sha256', 's'.repeat(32))
      .update(GENESIS_HASH + canonical)
      .digest('hex');
    expect(eventHash(GENESIS_HASH, event, keys)).toBe(expected);
    const retired = createHmac('sha256', 'o'.repeat(32))
      .update(GENESIS_HASH + canonical.replace('"keyId":"k1"', '"keyId":"k0"'))
      .digest('hex');
    expect(eventHash(GENESIS_HASH, { ...event, keyId: 'k0' }, keys)).toBe(retired);
    expect(eventHash(GENESIS_HASH, { ...event, keyId: 'k9' }, keys)).toBeNull();
  });

  it('is the earlier plain sha256 over the eight original fields for an unkeyed event', () => {
    const canonical =
      '{"actorEmail":"admin@example.com","actorId":"u1","clientIp":"127.0.0.1",' +
      '"id":"6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab","occurredAt":"2026-11-25T09:00:00.000Z",' +
      '"payload":{"count":2,"tables":["customers"]},"requestId":"req-1","type":"sync.requested"}';
    const expected = createHash('sha256')
      .update(GENESIS_HASH + canonical)
      .digest('hex');
    expect(eventHash(GENESIS_HASH, { ...event, keyId: null, clientRequestId: null }, keys)).toBe(expected);
  });

  it('starts the chain at 64 zeros', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('changes with any covered field and with the previous hash', () => {
    const base = eventHash(GENESIS_HASH, event, keys);
    expect(eventHash('1'.repeat(64), event, keys)).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...event, actorEmail: 'other@example.com' }, keys)).not.toBe(base);
    expect(
      eventHash(
        GENESIS_HASH,
        {
          ...event,
          payload: { tables: ['customers'], count: 3 },
        },
        keys,
      ),
    ).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...event, clientRequestId: 'other' }, keys)).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...event, requestId: null }, keys)).not.toBe(base);
  });

  it('ignores key order in the payload', () => {
    expect(
      eventHash(
        GENESIS_HASH,
        {
          ...event,
          payload: { count: 2, tables: ['customers'] },
        },
        keys,
      ),
    ).toBe(eventHash(GENESIS_HASH, event, keys));
  });
});

describe('checkChainLink', () => {
  const hash = eventHash(GENESIS_HASH, event, keys) as string;

  it('accepts an intact link', () => {
    expect(checkChainLink(GENESIS_HASH, { ...event, prevHash: GENESIS_HASH, hash }, keys)).toBeNull();
  });

  it('reports an edited event', () => {
    expect(
      checkChainLink(
        GENESIS_HASH,
        {
          ...event,
          clientIp: '10.0.0.1',
          prevHash: GENESIS_HASH,
          hash,
        },
        keys,
      ),
    ).toBe('hash_mismatch');
  });

  it('reports an event whose predecessor is not the one before it', () => {
    expect(
      checkChainLink(
        'f'.repeat(64),
        {
          ...event,
          prevHash: GENESIS_HASH,
          hash,
        },
        keys,
      ),
    ).toBe('prev_hash_mismatch');
  });
});
