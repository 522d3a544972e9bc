import { AuditEventDto } from '@vantix/contracts';
import { comparisonIdOf, recheckComparisonIdOf, summarizeAuditEvent } from './audit-event-summary';

function event(type: AuditEventDto['type'], payload: Record<string, unknown>): AuditEventDto {
  return {
    id: 'e1',
    seq: 1,
    occurredAt: '2026-11-25T09:00:00.000Z',
    type,
    actor: { id: 'u1', email: 'admin@vantix.test' },
    requestId: null,
    clientRequestId: null,
    clientIp: null,
    payload,
    keyId: 'k1',
    prevHash: '0',
    hash: '1',
  };
}

describe('audit event summaries', () => {
  it('summarises a committed sync by its counts and names its comparisons', () => {
    const committed = event('sync.committed', {
      comparisonId: 'abcdef12-0000-0000-0000-000000000000',
      recheckComparisonId: 'fedcba98-0000-0000-0000-000000000000',
      summary: { inserted: 4, skipped: 1, failed: 0 },
      status: 'committed',
    });
    expect(summarizeAuditEvent(committed)).toBe(
      '4 inserted, 1 skipped, 0 failed · status committed · comparison abcdef12',
    );
    expect(comparisonIdOf(committed)).toBe('abcdef12-0000-0000-0000-000000000000');
    expect(recheckComparisonIdOf(committed)).toBe('fedcba98-0000-0000-0000-000000000000');
  });

  it('summarises a sync request by its plan and a completed comparison by its drift', () => {
    expect(summarizeAuditEvent(event('sync.requested', { selections: [{}, {}], plan: { total: 4 } }))).toBe(
      '2 table(s) selected · 4 record(s)',
    );
    expect(
      summarizeAuditEvent(
        event('comparison.completed', {
          tables: [
            { table: 'customers', missingInProduction: 3, missingInDevelopment: 1, differing: 2 },
            { table: 'customer_notes', missingInProduction: 1, missingInDevelopment: 0, differing: 0 },
          ],
        }),
      ),
    ).toBe('4 missing in Production, 1 missing in Development, 2 differing');
  });

  it('falls back to plain fields and never prints an object', () => {
    expect(summarizeAuditEvent(event('access.denied', { route: '/api/dev/compare-databases', nested: { a: 1 } }))).toBe(
      'route /api/dev/compare-databases',
    );
    expect(summarizeAuditEvent(event('access.denied', {}))).toBe('—');
    expect(comparisonIdOf(event('access.denied', {}))).toBeNull();
  });
});
