import { ApiErrorBody, ComparisonReport, SyncResult } from '@vantix/contracts';
import { Baseline, baselineOf, seedCustomers, seedOwner, SeededCustomer } from '@vantix/testing';
import { startTestApi, TestApi } from '../testing';
import { Figures } from './support/figures';

type SyncAnswer = { status: number; body: SyncResult & ApiErrorBody };

/**
 * Requests racing each other on the real API: overlapping syncs must insert
 * every record exactly once (the loser gets 409 or reports skips), and twenty
 * comparisons at once must all answer correctly with a valid audit chain.
 */
describe('hardening: concurrency', () => {
  let api: TestApi;
  let admin: { Authorization: string };
  let owner: string;
  const figures = new Figures('concurrency');
  let baseline: Baseline;

  beforeAll(async () => {
    api = await startTestApi();
    admin = api.bearer(api.adminToken);
    owner = await seedOwner(api.pool('development'), api.pool('production'));
    await seedCustomers([api.pool('development'), api.pool('production')], {
      owner,
      customers: 30,
      notesEach: 3,
    });
    baseline = await baselineOf(api.pool('production'));
  });

  afterAll(async () => {
    // Every Production row from before the races is still there, unchanged.
    const now = await baselineOf(api.pool('production'), baseline);
    figures.rowsLost += baseline.rows - now.rows;
    figures.set('pre-existing Production rows changed', now.checksum === baseline.checksum ? 0 : 'some');
    figures.print();
    await api?.close();
  });

  async function compare(): Promise<{
    status: number;
    body: ComparisonReport;
  }> {
    const response = await api.http.post('/api/dev/compare-databases').set(admin).send({});
    figures.answer(response.status);
    return { status: response.status, body: response.body as ComparisonReport };
  }

  async function sync(comparisonId: string, customers: SeededCustomer[]): Promise<SyncAnswer> {
    const response = await api.http
      .post('/api/dev/sync-to-production')
      .set(admin)
      .send({
        comparisonId,
        confirm: true,
        reason: 'Spec: copy the reviewed records',
        selections: [{ table: 'customers', ids: customers.map((c) => c.id) }],
      });
    figures.answer(response.status);
    return {
      status: response.status,
      body: response.body as SyncResult & ApiErrorBody,
    };
  }

  it('two overlapping syncs at the same moment insert every record exactly once; the other gets 409 or skips', async () => {
    const outcomes = new Map<string, number>();
    let recordsInserted = 0;
    for (let round = 0; round < 5; round++) {
      const missing = await seedCustomers([api.pool('development')], {
        owner,
        customers: 9,
        label: `Round ${round}`,
      });
      const { body: report } = await compare();
      const [first, second] = await Promise.all([
        sync(report.id, missing.slice(0, 6)),
        sync(report.id, missing.slice(3, 9)),
      ]);

      const inserted = new Map<string, number>();
      for (const answer of [first, second]) {
        const kind =
          answer.status === 201 ? answer.body.status : `${answer.status} ${answer.body.details?.['reason'] ?? ''}`;
        outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
        expect([201, 409]).toContain(answer.status);
        if (answer.status === 201) {
          expect(answer.body.status).toBe('committed');
          for (const result of answer.body.results) {
            if (result.status === 'inserted') {
              inserted.set(result.id, (inserted.get(result.id) ?? 0) + 1);
            } else {
              expect(result).toMatchObject({
                status: 'skipped',
                reason: 'already in production',
              });
            }
          }
        }
      }
      // No record reported inserted twice, and Production holds exactly the reported ones, once each.
      expect([...inserted.values()].every((n) => n === 1)).toBe(true);
      const rows = await api.query<{ id: string; n: number }>(
        'production',
        'SELECT id::text, count(*)::int AS n FROM customers WHERE id = ANY($1::uuid[]) GROUP BY id',
        [missing.map((c) => c.id)],
      );
      expect(rows.every((r) => r.n === 1)).toBe(true);
      expect(rows.map((r) => r.id).sort()).toEqual([...inserted.keys()].sort());
      expect(first.status === 201 || second.status === 201).toBe(true);
      recordsInserted += inserted.size;
    }
    figures.set('overlapping sync pairs', 5);
    figures.set('sync outcomes', [...outcomes].map(([kind, n]) => `${kind.trim()}×${n}`).join(', '));
    figures.set('records inserted by the pairs (each exactly once)', recordsInserted);
  });

  it('leaves every Production row from before the races present and unchanged', async () => {
    expect(await baselineOf(api.pool('production'), baseline)).toEqual(baseline);
  });

  it('answers 20 concurrent comparisons correctly, with bounded memory and a valid audit chain', async () => {
    const expected = await compare();
    const counts = (report: ComparisonReport) =>
      report.tables.map((t) => [t.table, t.devCount, t.prodCount, t.missingInProduction.count, t.differing.count]);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, () => compare()));
    const elapsed = Date.now() - started;
    const heapAfter = process.memoryUsage().heapUsed;
    for (const answer of answers) {
      expect(answer.status).toBe(201);
      expect(counts(answer.body)).toEqual(counts(expected.body));
    }
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(20);
    // Twenty small reports, queued two at a time: the heap must not grow by more than a few MB per report.
    expect(heapAfter - heapBefore).toBeLessThan(200 * 1024 * 1024);

    const verify = await api.http.get('/api/audit/verify').set(admin);
    figures.answer(verify.status);
    expect(verify.body).toMatchObject({ ok: true });
    const stored = await api.query<{ n: number }>(
      'audit',
      'SELECT count(*)::int AS n FROM comparisons WHERE id = ANY($1::uuid[])',
      [answers.map((a) => a.body.id)],
    );
    expect(stored[0].n).toBe(20);
    figures.set(
      '20 concurrent comparisons',
      `${elapsed} ms, heap ${Math.round((heapAfter - heapBefore) / 1024 / 1024)} MB growth`,
    );
    figures.set('audit events verified', (verify.body as { checked: number }).checked);
  });
});
