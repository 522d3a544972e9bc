import type { RefreshResult } from '@vantix/contracts';

/** A refresh's result for a terminal: outcome, target, data rules per table, then each record. */
export function formatRefresh(result: RefreshResult): string {
  const { plan, summary } = result;
  const lines = [
    `Refresh of Development (${plan.developmentDatabase}) from Production: ${result.status.replace('_', ' ')}`,
    result.status === 'dry_run'
      ? `  would insert ${plan.total} record(s); nothing was written`
      : `  inserted ${summary.inserted}, skipped ${summary.skipped}, failed ${summary.failed}`,
  ];
  if (result.error) {
    lines.push(`  ${result.error}`);
  }
  lines.push('Data rules (every other column is copied as it is):');
  for (const table of plan.dataRules) {
    const rules = table.columns.map((c) => `${c.column} ${c.rule}${c.source === 'default' ? ' (default)' : ''}`);
    lines.push(`  ${table.table}: ${rules.length > 0 ? rules.join(', ') : 'copy'}`);
  }
  lines.push('Records:');
  for (const table of plan.tables) {
    lines.push(
      `  ${table.table}: ${table.selected.length} selected${table.addedParents.length > 0 ? `, ${table.addedParents.length} parent(s) added` : ''}`,
    );
  }
  for (const record of result.results) {
    lines.push(`  ${record.table} ${record.id}: ${record.status}${record.reason ? ` (${record.reason})` : ''}`);
  }
  if (result.recheck) {
    lines.push(`Re-comparison: ${result.recheck.comparisonId}`);
  }
  return lines.join('\n');
}
