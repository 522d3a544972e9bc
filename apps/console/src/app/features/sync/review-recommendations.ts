import { ComparisonReport, RecordRef, TableComparison } from '@vantix/contracts';
import { describeDrift } from '../comparison/describe-drift';
import { DependencyIndex, countOf } from '../review/dependency-index';

/** What a recommendation's label means, in words, next to it. */
export const PRIORITIES = {
  blocker: { label: 'Blocker', meaning: 'Nothing of this table can be synced until this is fixed.' },
  review: { label: 'Review each', meaning: 'Copying these has consequences in Production: decide record by record.' },
  ready: { label: 'Ready', meaning: 'Safe to copy: everything they need is already in Production.' },
  parents: { label: 'Needs parents', meaning: 'Copy them together with the records they belong to.' },
  manual: { label: 'By hand', meaning: 'A sync cannot fix these: they need a person in Production.' },
  info: { label: 'For information', meaning: 'Expected; nothing to do.' },
} as const;
export type ReviewPriority = keyof typeof PRIORITIES;

/** Which records "Select these" selects: an explicit list, every missing record of a table, or the table minus some. */
export type RecommendationTarget =
  | { kind: 'records'; records: RecordRef[] }
  | { kind: 'all'; table: string }
  | { kind: 'allExcept'; table: string; except: ReadonlySet<string> };

export interface ReviewRecommendation {
  priority: ReviewPriority;
  table: string;
  count: number;
  title: string;
  text: string;
  target: RecommendationTarget | null;
}

const ORDER: ReviewPriority[] = ['blocker', 'review', 'parents', 'ready', 'manual', 'info'];

/**
 * The report's advice in plain words, one entry per thing to do, each with the
 * records it is about so "Select these" can select exactly them. Record-level
 * advice needs the dependencies (which missing records need parents, which are
 * admin accounts); until they are known only the table-level advice shows.
 */
export function reviewRecommendations(report: ComparisonReport, deps: DependencyIndex): ReviewRecommendation[] {
  const out: ReviewRecommendation[] = [];
  for (const table of report.tables) {
    out.push(...forTable(table, deps));
  }
  return out.sort((a, b) => ORDER.indexOf(a.priority) - ORDER.indexOf(b.priority));
}

function forTable(t: TableComparison, deps: DependencyIndex): ReviewRecommendation[] {
  const out: ReviewRecommendation[] = [];
  const name = t.table;
  if (!t.schemaDrift.none) {
    out.push({
      priority: 'blocker',
      table: name,
      count: 1,
      title: `The two databases do not define ${name} the same way`,
      text: `${describeDrift(t.schemaDrift)}. Bring both schemas in line (a migration) before syncing ${name}.`,
      target: null,
    });
  }
  const missing = t.missingInProduction.count;
  if (missing > 0 && deps.loaded) {
    const privileged = deps.privilegedOf(name);
    const needing = deps.needingParents(name).filter((id) => !privileged.includes(id));
    const ready = missing - privileged.length - needing.length;
    if (privileged.length) {
      out.push({
        priority: 'review',
        table: name,
        count: privileged.length,
        title: `${privileged.length} admin account${privileged.length === 1 ? ' is' : 's are'} missing in Production`,
        text:
          'Copying one makes that person an administrator of Production, password hash included. ' +
          'Open each and select only the accounts that must be administrators there.',
        target: { kind: 'records', records: privileged.map((id) => ({ table: name, id })) },
      });
    }
    if (needing.length) {
      out.push({
        priority: 'parents',
        table: name,
        count: needing.length,
        title: `${countOf(name, needing.length)} need${needing.length === 1 ? 's' : ''} a record that is not in Production yet`,
        text:
          'Select them and confirm with "Include parents": the records they belong to are copied first, in the same ' +
          'transaction.',
        target: { kind: 'records', records: needing.map((id) => ({ table: name, id })) },
      });
    }
    if (ready > 0) {
      const except = new Set([...privileged, ...needing]);
      out.push({
        priority: 'ready',
        table: name,
        count: ready,
        title: `${countOf(name, ready)} can be copied to Production as they are`,
        text: 'They are in Development only, and every record they point to is already in Production.',
        target: except.size === 0 ? { kind: 'all', table: name } : { kind: 'allExcept', table: name, except },
      });
    }
  }
  if (t.differing.count > 0) {
    out.push({
      priority: 'manual',
      table: name,
      count: t.differing.count,
      title: `${countOf(name, t.differing.count)} differ${t.differing.count === 1 ? 's' : ''} between Development and Production`,
      text:
        'A sync only adds records and never changes one in Production. Open one under "Differing" to see both ' +
        'sides; if Development is right, correct Production by hand.',
      target: null,
    });
  }
  if (t.missingInDevelopment.count > 0) {
    out.push({
      priority: 'info',
      table: name,
      count: t.missingInDevelopment.count,
      title: `${countOf(name, t.missingInDevelopment.count)} exist${t.missingInDevelopment.count === 1 ? 's' : ''} only in Production`,
      text: 'Expected: Production is newer and is the source of truth.',
      target: null,
    });
  }
  return out;
}
