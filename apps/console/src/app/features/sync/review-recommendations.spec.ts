import { ComparisonReport, TableComparison } from '@vantix/contracts';
import { DependencyIndex } from '../review/dependency-index';
import { PRIORITIES, reviewRecommendations } from './review-recommendations';

function table(name: string, counts: Partial<Record<'missing' | 'onlyProd' | 'differing', number>>): TableComparison {
  const list = (count = 0) => ({ count, records: [] });
  return {
    table: name,
    devCount: 0,
    prodCount: 0,
    missingInProduction: list(counts.missing),
    missingInDevelopment: list(counts.onlyProd),
    differing: list(counts.differing),
    schemaDrift: { missingTable: null, onlyInDevelopment: [], onlyInProduction: [], typeMismatches: [], none: true },
  };
}

const report: ComparisonReport = {
  id: 'cmp',
  startedAt: '',
  finishedAt: '',
  durationMs: 0,
  recommendations: [],
  tables: [
    table('users', { missing: 2 }),
    table('customers', { missing: 3, differing: 1, onlyProd: 1 }),
    table('customer_notes', { missing: 4 }),
  ],
};
report.tables[2].schemaDrift = { ...report.tables[2].schemaDrift, onlyInDevelopment: ['mood'], none: false };

const deps = new DependencyIndex({
  comparisonId: 'cmp',
  readAt: '',
  complete: true,
  privileged: [{ table: 'users', id: 'u-admin' }],
  needsParents: [
    { table: 'customer_notes', id: 'n1', parents: [{ table: 'customers', id: 'c1', inDevelopment: true }] },
    { table: 'customer_notes', id: 'n2', parents: [{ table: 'customers', id: 'c1', inDevelopment: true }] },
  ],
});

describe(reviewRecommendations.name, () => {
  const recs = reviewRecommendations(report, deps);
  const find = (priority: string, table: string) => recs.find((r) => r.priority === priority && r.table === table);

  it('orders by what needs attention first and explains every priority in words', () => {
    expect(recs.map((r) => r.priority)).toEqual([
      'blocker',
      'review',
      'parents',
      'ready',
      'ready',
      'ready',
      'manual',
      'info',
    ]);
    expect(Object.values(PRIORITIES).every((p) => p.meaning.length > 10)).toBe(true);
  });

  it('targets exactly the records each recommendation is about', () => {
    expect(find('review', 'users')?.target).toEqual({ kind: 'records', records: [{ table: 'users', id: 'u-admin' }] });
    expect(find('ready', 'users')?.target).toEqual({ kind: 'allExcept', table: 'users', except: new Set(['u-admin']) });
    expect(find('ready', 'customers')).toMatchObject({ count: 3, target: { kind: 'all', table: 'customers' } });
    expect(find('parents', 'customer_notes')).toMatchObject({
      count: 2,
      title: '2 notes need a record that is not in Production yet',
      target: {
        kind: 'records',
        records: [
          { table: 'customer_notes', id: 'n1' },
          { table: 'customer_notes', id: 'n2' },
        ],
      },
    });
    expect(find('manual', 'customers')?.target).toBeNull();
    expect(find('blocker', 'customer_notes')?.text).toMatch(/only in Dev: mood/);
  });

  it('gives only table-level advice until the dependencies are known, or when they could not all be read', () => {
    const early = reviewRecommendations(report, new DependencyIndex(null));
    expect(early.map((r) => r.priority)).toEqual(['blocker', 'manual', 'info']);
    const partial = new DependencyIndex({
      comparisonId: 'cmp',
      readAt: '',
      complete: false,
      needsParents: [],
      privileged: [],
    });
    expect(reviewRecommendations(report, partial).map((r) => r.priority)).toEqual(['blocker', 'manual', 'info']);
  });
});

describe(DependencyIndex.name, () => {
  it('knows per record its missing parents, per parent its children, in words', () => {
    expect(deps.needsParents('customer_notes', 'n1')).toBe(true);
    expect(deps.needsParents('customer_notes', 'n9')).toBe(false);
    expect(deps.children('customers', 'c1')).toEqual([
      { table: 'customer_notes', id: 'n1' },
      { table: 'customer_notes', id: 'n2' },
    ]);
    expect(deps.childCounts('customers', 'c1')).toEqual([{ table: 'customer_notes', count: 2 }]);
    expect(deps.privileged('users', 'u-admin')).toBe(true);
  });
});
