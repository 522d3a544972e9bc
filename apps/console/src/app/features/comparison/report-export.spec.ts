import { ComparisonReport, RecordEntry, RecordKind } from '@vantix/contracts';
import { FullRecordLists, csvCell, reportToCsv, reportWithAllRecords } from './report-export';

const noDrift = { missingTable: null, onlyInDevelopment: [], onlyInProduction: [], typeMismatches: [], none: true };

const report: ComparisonReport = {
  id: 'cmp-1',
  startedAt: '2026-11-25T08:00:00.000Z',
  finishedAt: '2026-11-25T08:00:01.000Z',
  durationMs: 1000,
  recommendations: [],
  tables: [
    {
      table: 'customers',
      devCount: 3,
      prodCount: 1,
      missingInProduction: {
        count: 2,
        records: [{ id: 'c1', summary: 'Acme', createdAt: '2026-01-01T00:00:00.000Z' }],
      },
      missingInDevelopment: { count: 0, records: [] },
      differing: {
        count: 1,
        records: [{ id: 'c3', summary: 'Globex, "Inc"', createdAt: null, columns: ['name', 'email'] }],
      },
      schemaDrift: noDrift,
    },
  ],
};

describe('report export', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
  });

  it('writes one row per record of every list, with all pages, not the capped ones', () => {
    const full: Record<RecordKind, RecordEntry[]> = {
      missingInProduction: [
        { id: 'c1', summary: 'Acme', createdAt: '2026-01-01T00:00:00.000Z' },
        { id: 'c2', summary: 'Initech', createdAt: '2026-01-02T00:00:00.000Z' },
      ],
      missingInDevelopment: [],
      differing: [{ id: 'c3', summary: 'Globex, "Inc"', createdAt: null, columns: ['name', 'email'] }],
    };
    const lists: FullRecordLists = new Map([['customers', full]]);
    expect(reportToCsv(report, lists).split('\r\n')).toEqual([
      'table,kind,id,summary,createdAt,columns',
      'customers,missingInProduction,c1,Acme,2026-01-01T00:00:00.000Z,',
      'customers,missingInProduction,c2,Initech,2026-01-02T00:00:00.000Z,',
      'customers,differing,c3,"Globex, ""Inc""",,name;email',
      '',
    ]);
    expect(reportWithAllRecords(report, lists).tables[0].missingInProduction).toEqual({
      count: 2,
      records: full.missingInProduction,
    });
  });
});
