import { decodeCursor, decodeIntegerCursor, encodeCursor, InvalidQueryError, pageLimit, toPage } from './paging';

describe('pageLimit', () => {
  it('defaults to 50, caps at 200 and refuses nonsense', () => {
    expect(pageLimit(undefined)).toBe(50);
    expect(pageLimit(1)).toBe(1);
    expect(pageLimit(5000)).toBe(200);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => pageLimit(bad)).toThrow(InvalidQueryError);
    }
  });
});

describe('cursors', () => {
  it('round-trip and are opaque', () => {
    const cursor = encodeCursor('audit', '42');
    expect(cursor).not.toContain('42');
    expect(decodeIntegerCursor('audit', cursor)).toBe(BigInt(42));
  });

  it('refuses a cursor of another list, garbage and non-numeric positions', () => {
    expect(() => decodeCursor('records', encodeCursor('audit', '1'))).toThrow(InvalidQueryError);
    expect(() => decodeCursor('audit', 'not a cursor!')).toThrow(InvalidQueryError);
    expect(() => decodeIntegerCursor('audit', encodeCursor('audit', '1 OR 1=1'))).toThrow(InvalidQueryError);
  });
});

describe('toPage', () => {
  it('uses the extra row only to know whether a next page exists', () => {
    const page = toPage([1, 2, 3], 2, (n) => n * 10, String);
    expect(page).toEqual({ items: [10, 20], nextCursor: '2' });
    expect(toPage([1, 2], 2, (n) => n, String)).toEqual({
      items: [1, 2],
      nextCursor: null,
    });
  });
});
