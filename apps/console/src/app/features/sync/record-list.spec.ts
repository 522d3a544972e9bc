import { RecordEntry } from '@vantix/contracts';
import { sortRecords } from './record-list';

const records: RecordEntry[] = [
  { id: 'b', summary: 'Beta', createdAt: '2026-01-02T00:00:00.000Z' },
  { id: 'c', summary: 'Alpha', createdAt: null },
  { id: 'a', summary: 'Gamma', createdAt: '2026-01-01T00:00:00.000Z' },
];

describe(sortRecords.name, () => {
  it('sorts by any column both ways, records without a date last either way, without touching the input', () => {
    expect(sortRecords(records, 'summary', 'asc').map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(sortRecords(records, 'id', 'desc').map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(sortRecords(records, 'createdAt', 'asc').map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(sortRecords(records, 'createdAt', 'desc').map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(records.map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });
});
