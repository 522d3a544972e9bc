import { canonicalKeyValue, decodeKey, encodeKey, isValidKeyValue } from './record-key';

const uuid = { name: 'id', dataType: 'uuid', nullable: false };
const int = { name: 'id', dataType: 'integer', nullable: false };

describe('record keys', () => {
  it('encodes single keys as their text and composite keys as a JSON array', () => {
    expect(encodeKey(['a'])).toBe('a');
    expect(encodeKey(['a', '1'])).toBe('["a","1"]');
    expect(decodeKey('["a","1"]', 2)).toEqual(['a', '1']);
    expect(decodeKey('["a"]', 2)).toBeNull();
    expect(decodeKey('not json', 2)).toBeNull();
    expect(decodeKey('[1,2]', 2)).toBeNull();
  });

  it('validates values before they are cast in a batched lookup', () => {
    expect(isValidKeyValue(uuid, '0B8F7C2E-1D3A-4C5B-9E6F-7A8B9C0D1E2F')).toBe(true);
    expect(isValidKeyValue(uuid, 'not-a-uuid')).toBe(false);
    expect(isValidKeyValue(int, '2147483647')).toBe(true);
    expect(isValidKeyValue(int, '2147483648')).toBe(false);
    expect(isValidKeyValue(int, '-2147483648')).toBe(true);
    expect(isValidKeyValue({ ...int, dataType: 'bigint' }, '9223372036854775808')).toBe(false);
    expect(isValidKeyValue(int, '12a')).toBe(false);
  });

  it('canonicalises like PostgreSQL prints', () => {
    expect(canonicalKeyValue(uuid, '0B8F7C2E1D3A4C5B9E6F7A8B9C0D1E2F')).toBe('0b8f7c2e-1d3a-4c5b-9e6f-7a8b9c0d1e2f');
    expect(canonicalKeyValue(int, '+007')).toBe('7');
  });
});
