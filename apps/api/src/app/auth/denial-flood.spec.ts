import { DenialFlood } from './denial-flood';

describe(DenialFlood.name, () => {
  let now: number;
  let sut: DenialFlood;

  beforeEach(() => {
    now = Date.UTC(2026, 10, 30, 12, 0, 5);
    sut = new DenialFlood(() => now);
  });

  it('records the first refusal of an address, reason and minute, and counts the rest', () => {
    expect(sut.observe('10.0.0.1', 'malformed_token', 401, '/api/audit/verify')).toBe(true);
    for (let i = 0; i < 999; i += 1) {
      expect(sut.observe('10.0.0.1', 'malformed_token', 401, '/api/audit/verify')).toBe(false);
    }
    // Another reason or another address opens its own window.
    expect(sut.observe('10.0.0.1', 'missing_token', 401, '/api/audit/verify')).toBe(true);
    expect(sut.observe('10.0.0.2', 'malformed_token', 401, '/api/audit/verify')).toBe(true);
    expect(sut.due()).toEqual([]);
    now += 60_000;
    expect(sut.due()).toEqual([
      {
        clientIp: '10.0.0.1',
        reason: 'malformed_token',
        windowStart: '2026-11-30T12:00:00.000Z',
        repeats: 999,
        statuses: { 401: 999 },
        paths: { '/api/audit/verify': 999 },
      },
    ]);
    expect(sut.due()).toEqual([]);
    // A new minute starts a new window.
    expect(sut.observe('10.0.0.1', 'malformed_token', 401, '/api/audit/verify')).toBe(true);
  });

  it('keeps a window of an earlier minute that a new one replaced, and drains the current ones at shutdown', () => {
    sut.observe('10.0.0.1', 'expired_token', 401, '/a');
    sut.observe('10.0.0.1', 'expired_token', 401, '/b');
    now += 60_000;
    sut.observe('10.0.0.1', 'expired_token', 401, '/a');
    sut.observe('10.0.0.1', 'expired_token', 401, '/a');
    expect(sut.drain().map((window) => [window.windowStart, window.repeats, window.paths])).toEqual([
      ['2026-11-30T12:00:00.000Z', 1, { '/b': 1 }],
      ['2026-11-30T12:01:00.000Z', 1, { '/a': 1 }],
    ]);
    expect(sut.drain()).toEqual([]);
  });

  it('bounds the paths it names per window', () => {
    sut.observe('10.0.0.1', 'missing_token', 401, '/first');
    for (let i = 0; i < 50; i += 1) {
      sut.observe('10.0.0.1', 'missing_token', 401, `/path-${i}`);
    }
    const [window] = sut.drain();
    expect(Object.keys(window.paths)).toHaveLength(21);
    expect(window.paths['(other)']).toBe(30);
  });
});
