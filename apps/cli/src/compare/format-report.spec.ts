import { ComparisonReport, TableComparison } from '@vantix/contracts';
import { describeSchemaDrift, formatReport } from './format-report';
import { hasDriftTowardsProduction } from './run-comparison';

const noDrift = {
  missingTable: null,
  onlyInDevelopment: [],
  onlyInProduction: [],
  typeMismatches: [],
  none: true,
};

function table(
  name: string,
  missingInProduction: number,
  drift: Partial<TableComparison['schemaDrift']> = {},
): TableComparison {
  const list = (count: number) => ({ count, records: [] });
  return {
    table: name,
    devCount: 10 + missingInProduction,
    prodCount: 10,
    missingInProduction: list(missingInProduction),
    missingInDevelopment: list(0),
    differing: list(2),
    schemaDrift: { ...noDrift, ...drift },
  };
}

function report(tables: TableComparison[]): ComparisonReport {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    startedAt: '2026-11-25T08:00:00.000Z',
    finishedAt: '2026-11-25T08:00:01.000Z',
    durationMs: 1000,
    tables,
    recommendations: [
      {
        priority: 'high',
        table: 'customers',
        count: 3,
        title: '3 customers missing in Production',
        action: 'Sync them',
      },
    ],
  };
}

describe(formatReport.name, () => {
  it('aligns the per-table numbers and lists the recommendations', () => {
    const text = formatReport(report([table('customers', 3), table('customer_notes', 120)]));
    const lines = text.split('\n');
    expect(lines).toContain('customers        13    10                3               0          2  same');
    expect(lines).toContain('customer_notes  130    10              120               0          2  same');
    expect(text).toContain('Recommendations:\n  [high] 3 customers missing in Production\n      Sync them');
  });
});

describe(describeSchemaDrift.name, () => {
  it('names what differs', () => {
    expect(
      describeSchemaDrift({
        ...noDrift,
        none: false,
        missingTable: 'production',
      }),
    ).toBe('table missing in production');
    expect(
      describeSchemaDrift({
        ...noDrift,
        none: false,
        onlyInDevelopment: ['vip'],
        typeMismatches: [{ column: 'phone', development: 'text', production: 'varchar(20)' }],
      }),
    ).toBe('only in dev: vip; types differ: phone');
  });
});

describe(hasDriftTowardsProduction.name, () => {
  it('is true for missing records, a table missing in Production or columns only Dev has', () => {
    expect(hasDriftTowardsProduction(report([table('customers', 0)]))).toBe(false);
    expect(hasDriftTowardsProduction(report([table('customers', 1)]))).toBe(true);
    expect(hasDriftTowardsProduction(report([table('users', 0, { none: false, missingTable: 'production' })]))).toBe(
      true,
    );
    expect(hasDriftTowardsProduction(report([table('users', 0, { none: false, onlyInDevelopment: ['x'] })]))).toBe(
      true,
    );
    // Records only Production has are not drift a sync could fix (Production is the source of truth).
    expect(hasDriftTowardsProduction(report([table('users', 0, { none: false, onlyInProduction: ['x'] })]))).toBe(
      false,
    );
  });
});
