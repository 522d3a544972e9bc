import { canonicalJson, JsonValue, toJsonValue } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    const value: JsonValue = {
      b: 1,
      a: { d: [3, { z: true, y: null }], c: 'x' },
    };
    expect(canonicalJson(value)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('does not depend on the order keys were inserted in', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('sorts by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ b: 0, a: 0, B: 0, é: 0, '10': 0, '9': 0 })).toBe('{"10":0,"9":0,"B":0,"a":0,"b":0,"é":0}');
  });

  it('writes numbers and strings as JSON.stringify does', () => {
    expect(canonicalJson([1.5, 1e21, 1e-7, -0, 'quote " and \\ and \n'])).toBe(
      '[1.5,1e+21,1e-7,0,"quote \\" and \\\\ and \\n"]',
    );
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(undefined as unknown as JsonValue)).toThrow(TypeError);
  });
});

describe('toJsonValue', () => {
  it('writes Dates as ISO 8601 UTC with milliseconds', () => {
    expect(toJsonValue({ at: new Date(Date.UTC(2026, 10, 25, 9, 30, 0, 5)) })).toEqual({
      at: '2026-11-25T09:30:00.005Z',
    });
  });

  it('drops undefined, functions and symbols from objects and makes them null in arrays', () => {
    expect(toJsonValue({ a: undefined, b: () => 1, c: Symbol('s'), d: 1 })).toEqual({ d: 1 });
    expect(toJsonValue([undefined, 1])).toEqual([null, 1]);
  });

  it('turns non-finite numbers into null and bigints into strings', () => {
    expect(toJsonValue([Number.NaN, Number.POSITIVE_INFINITY, BigInt('9007199254740993')])).toEqual([
      null,
      null,
      '9007199254740993',
    ]);
  });

  it('replaces characters PostgreSQL cannot store in jsonb', () => {
    expect(toJsonValue({ s: 'a\u0000b', lone: 'x\uD800y', pair: '😀' })).toEqual({
      s: 'a\uFFFDb',
      lone: 'x\uFFFDy',
      pair: '😀',
    });
  });

  it('uses toJSON like JSON.stringify', () => {
    expect(toJsonValue({ v: { toJSON: () => ({ inner: 1 }) } })).toEqual({
      v: { inner: 1 },
    });
  });

  it('keeps a "__proto__" key as an ordinary key', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const value = toJsonValue(parsed) as Record<string, JsonValue>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(canonicalJson(value)).toBe('{"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses a circular structure but accepts a shared one', () => {
    const shared = { x: 1 };
    expect(toJsonValue({ a: shared, b: shared })).toEqual({
      a: { x: 1 },
      b: { x: 1 },
    });
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(() => toJsonValue(circular)).toThrow(TypeError);
  });

  it('is what JSON round-trips to, so a value read back from storage hashes the same', () => {
    const input = {
      at: new Date(0),
      n: [1, 0.1, 2 ** 53 + 2],
      nested: { u: undefined, s: 'ü' },
    };
    const value = toJsonValue(input);
    expect(canonicalJson(JSON.parse(JSON.stringify(value)) as JsonValue)).toBe(canonicalJson(value));
  });
});
