import { ComparisonReport, SchemaDrift } from '@vantix/contracts';

/** Left-aligned text columns, numbers right-aligned; no colours, so CI logs stay readable. */
export function textTable(headers: string[], rows: string[][], numeric: ReadonlySet<number> = new Set()): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function describeSchemaDrift(drift: SchemaDrift): string {
  if (drift.none) {
    return 'same';
  }
  if (drift.missingTable) {
    return `table missing in ${drift.missingTable}`;
  }
  const parts: string[] = [];
  if (drift.primaryKey) {
    parts.push('primary keys differ');
  }
  if (drift.onlyInDevelopment.length) {
    parts.push(`only in dev: ${drift.onlyInDevelopment.join(', ')}`);
  }
  if (drift.onlyInProduction.length) {
    parts.push(`only in prod: ${drift.onlyInProduction.join(', ')}`);
  }
  if (drift.typeMismatches.length) {
    parts.push(`types differ: ${drift.typeMismatches.map((m) => m.column).join(', ')}`);
  }
  return parts.join('; ') || 'differs';
}

/** The per-table summary and the recommendations, as a person reads them in a terminal or a CI log. */
export function formatReport(report: ComparisonReport): string {
  const summary = textTable(
    ['table', 'dev', 'prod', 'missing in prod', 'missing in dev', 'differing', 'schema'],
    report.tables.map((t) => [
      t.table,
      String(t.devCount),
      String(t.prodCount),
      String(t.missingInProduction.count),
      String(t.missingInDevelopment.count),
      String(t.differing.count),
      describeSchemaDrift(t.schemaDrift),
    ]),
    new Set([1, 2, 3, 4, 5]),
  );
  // A list, not a table: the actions are sentences and would make every row a terminal wide.
  const recommendations =
    report.recommendations.length === 0
      ? 'Recommendations: none — Development and Production agree.'
      : [
          'Recommendations:',
          ...report.recommendations.map((r) => `  [${r.priority}] ${r.title}\n      ${r.action}`),
        ].join('\n');
  return [
    `Comparison ${report.id} (${report.durationMs} ms, ${report.finishedAt})`,
    '',
    summary,
    '',
    recommendations,
    '',
  ].join('\n');
}
