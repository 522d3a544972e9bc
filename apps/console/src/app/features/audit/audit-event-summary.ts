import { AuditEventDto } from '@vantix/contracts';

function text(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

function countOf(value: unknown): number | null {
  return Array.isArray(value) ? value.length : typeof value === 'number' ? value : null;
}

/** The comparison a sync's automatic re-comparison stored, when the payload names one. */
export function recheckComparisonIdOf(event: AuditEventDto): string | null {
  const id = event.payload['recheckComparisonId'];
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/** The comparison an event is about, when its payload names one. */
export function comparisonIdOf(event: AuditEventDto): string | null {
  const id = event.payload['comparisonId'];
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/**
 * One line for the history table, from the payload fields the events carry.
 * Unknown shapes fall back to the first few plain fields, so a new payload field
 * never renders as "[object Object]".
 */
export function summarizeAuditEvent(event: AuditEventDto): string {
  const p = event.payload;
  const parts: string[] = [];
  const summary = p['summary'];
  if (summary && typeof summary === 'object' && !Array.isArray(summary)) {
    const s = summary as Record<string, unknown>;
    parts.push(
      `${text(s['inserted']) ?? 0} inserted, ${text(s['skipped']) ?? 0} skipped, ${text(s['failed']) ?? 0} failed`,
    );
  }
  const selections = countOf(p['selections']);
  if (selections !== null) {
    parts.push(`${selections} table(s) selected`);
  }
  const plan = p['plan'];
  const planTotal = plan && typeof plan === 'object' ? text((plan as Record<string, unknown>)['total']) : null;
  const total = planTotal ?? text(p['total']) ?? text(p['recordCount']);
  if (total !== null) {
    parts.push(`${total} record(s)`);
  }
  const tables = p['tables'];
  const tableRows = Array.isArray(tables)
    ? tables.filter((t): t is Record<string, unknown> => !!t && typeof t === 'object')
    : [];
  if (tableRows.length > 0 && tableRows.every((t) => typeof t['missingInProduction'] === 'number')) {
    // A completed comparison: what the admin wants from it is the drift.
    const sum = (key: string) => tableRows.reduce((total, t) => total + (t[key] as number), 0);
    parts.push(
      `${sum('missingInProduction')} missing in Production, ${sum('missingInDevelopment')} missing in Development, ${tableRows.reduce((total, t) => total + (typeof t['differing'] === 'number' ? t['differing'] : 0), 0)} differing`,
    );
  } else if (Array.isArray(tables) && tables.length > 0) {
    const names = tables
      .map((t) => (typeof t === 'string' ? t : text((t as Record<string, unknown>)?.['table'])))
      .filter(Boolean);
    if (names.length) {
      parts.push(`tables ${names.join(', ')}`);
    }
  }
  for (const key of ['reason', 'error', 'message', 'email', 'path', 'status']) {
    const value = text(p[key]);
    if (value !== null) {
      parts.push(key === 'reason' || key === 'error' || key === 'message' ? value : `${key} ${value}`);
    }
  }
  const comparisonId = comparisonIdOf(event);
  if (comparisonId) {
    parts.push(`comparison ${comparisonId.slice(0, 8)}`);
  }
  if (parts.length > 0) {
    return parts.join(' · ');
  }
  const fallback = Object.entries(p)
    .map(([key, value]) => [key, text(value)] as const)
    .filter(([, value]) => value !== null)
    .slice(0, 3)
    .map(([key, value]) => `${key} ${value}`);
  return fallback.join(' · ') || '—';
}
