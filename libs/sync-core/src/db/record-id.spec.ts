import { decodeRecordId, encodeRecordId, isValidKeyValue, keyObjectsJson } from './record-id';

const uuid = { dataType: 'uuid' };
const int = { dataType: 'integer' };

describe('the record-id codec', () => {
  it('encodes single keys as their text and composite keys as a JSON array', () => {
    expect(encodeRecordId(['a'])).toBe('a');
    expect(encodeRecordId(['a', '1'])).toBe('["a","1"]');
    expect(decodeRecordId('["a","1"]', 2)).toEqual(['a', '1']);
    expect(decodeRecordId('["a"]', 2)).toBeNull();
    expect(decodeRecordId('not json', 2)).toBeNull();
    expect(decodeRecordId('[1,2]', 2)).toBeNull();
  });

  it('round-trips single and composite keys, quotes included', () => {
    expect(encodeRecordId(['1', 'x"y'])).toBe('["1","x\\"y"]');
    expect(decodeRecordId('["1","x\\"y"]', 2)).toEqual(['1', 'x"y']);
    expect(decodeRecordId('[1,"x"]', 2)).toBeNull();
    expect(decodeRecordId('nope', 2)).toBeNull();
    expect(decodeRecordId('["not", "json array"]', 1)).toEqual(['["not", "json array"]']);
    expect(keyObjectsJson(['a', 'b'], ['["1","2"]', 'bad'])).toBe('[{"a":"1","b":"2"}]');
  });

  it('validates values before they are cast in a batched lookup', () => {
    expect(isValidKeyValue(uuid, '0B8F7C2E-1D3A-4C5B-9E6F-7A8B9C0D1E2F')).toBe(true);
    expect(isValidKeyValue(uuid, 'not-a-uuid')).toBe(false);
    expect(isValidKeyValue(int, '2147483647')).toBe(true);
    expect(isValidKeyValue(int, '2147483648')).toBe(false);
    expect(isValidKeyValue(int, '-2147483648')).toBe(true);
    expect(isValidKeyValue({ dataType: 'bigint' }, '9223372036854775808')).toBe(false);
    expect(isValidKeyValue(int, '12a')).toBe(false);
    expect(isValidKeyValue({ dataType: 'text' }, 'a\0b')).toBe(false);
  });
});
