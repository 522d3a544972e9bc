import type { Priority, Recommendation, SchemaDrift } from '@vantix/contracts';
import type { TableFindings } from './table-findings';

const PRIORITY_ORDER: Priority[] = ['high', 'medium', 'low', 'info'];

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function driftDetails(drift: SchemaDrift): { count: number; text: string } {
  if (drift.missingTable) {
    return {
      count: 1,
      text: `the table does not exist in ${drift.missingTable === 'production' ? 'Production' : 'Development'}`,
    };
  }
  const parts: string[] = [];
  if (drift.primaryKey) {
    parts.push(
      `primary key (${drift.primaryKey.development.join(', ') || 'none'}) in Development vs ` +
        `(${drift.primaryKey.production.join(', ') || 'none'}) in Production — records cannot be matched`,
    );
  }
  if (drift.onlyInDevelopment.length) {
    parts.push(`only in Development: ${drift.onlyInDevelopment.join(', ')}`);
  }
  if (drift.onlyInProduction.length) {
    parts.push(`only in Production: ${drift.onlyInProduction.join(', ')}`);
  }
  for (const m of drift.typeMismatches) {
    parts.push(`${m.column} is ${m.development} in Development but ${m.production} in Production`);
  }
  const count =
    (drift.primaryKey ? 1 : 0) +
    drift.onlyInDevelopment.length +
    drift.onlyInProduction.length +
    drift.typeMismatches.length;
  return { count, text: parts.join('; ') };
}

/** The recommendations of one comparison, most urgent first. */
export function recommend(findings: TableFindings[]): Recommendation[] {
  const out: Recommendation[] = [];
  for (const f of findings) {
    const t = f.table;
    if (!f.drift.none) {
      const { count, text } = driftDetails(f.drift);
      out.push({
        priority: 'high',
        table: t,
        count,
        title: `Schema drift in ${t}`,
        action:
          `Migrate both databases to the same schema before syncing ${t} (${text}).` +
          (f.compared ? ' Data was compared on the shared columns only.' : ' Its data was not compared.'),
      });
    }
    if (f.privilegedMissing > 0) {
      out.push({
        priority: 'high',
        table: t,
        count: f.privilegedMissing,
        title: `${plural(f.privilegedMissing, 'admin account')} missing in Production`,
        action:
          'Warning: syncing these would grant production admin rights. Review each account and select only ' +
          'the ones that must be administrators in Production.',
      });
    }
    if (f.hasForeignKeys && f.recoverable > 0) {
      out.push({
        priority: 'high',
        table: t,
        count: f.recoverable,
        title: `${plural(f.recoverable, 'record')} of ${t} missing in Production whose parent records are there`,
        action: `Recover them: select them in ${t} and sync them to Production; everything they reference already exists there.`,
      });
    }
    const rootMissing = f.hasForeignKeys ? 0 : f.counts.missingInProduction - f.privilegedMissing;
    if (rootMissing > 0) {
      out.push({
        priority: 'medium',
        table: t,
        count: rootMissing,
        title: `${plural(rootMissing, 'record')} of ${t} missing in Production`,
        action: `Review them and sync the ones that belong in Production.`,
      });
    }
    if (f.parentMissing > 0) {
      const parents = [...f.missingParentTables].map(([table, n]) => `${table} (${n})`).join(', ');
      out.push({
        priority: 'medium',
        table: t,
        count: f.parentMissing,
        title: `${plural(f.parentMissing, 'record')} of ${t} missing in Production whose parent is missing there too`,
        action: `Sync them together with their parents (include parents) — parents missing in Production: ${parents}.`,
      });
    }
    if (f.counts.differing > 0) {
      out.push({
        priority: 'medium',
        table: t,
        count: f.counts.differing,
        title: `${plural(f.counts.differing, 'record')} of ${t} ${f.counts.differing === 1 ? 'differs' : 'differ'} between Development and Production`,
        action:
          'These cannot be synced: a sync only adds records and never changes one in Production. ' +
          'Resolve each by hand, in Production, if Development holds the correct values.',
      });
    }
    if (f.counts.missingInDevelopment > 0) {
      out.push({
        priority: 'info',
        table: t,
        count: f.counts.missingInDevelopment,
        title: `${plural(f.counts.missingInDevelopment, 'record')} of ${t} ${f.counts.missingInDevelopment === 1 ? 'exists' : 'exist'} only in Production`,
        action: 'Expected: Production is newer and is the source of truth. No action needed.',
      });
    }
  }
  return out.sort((a, b) => PRIORITY_ORDER.indexOf(a.priority) - PRIORITY_ORDER.indexOf(b.priority));
}
