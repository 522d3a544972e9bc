import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { ApiErrorBody, ComparisonReport } from '@vantix/contracts';
import { crmChecksum, seedCustomers, seedOwner, SeededCustomer } from '@vantix/testing';
import { startTestApi, TestApi } from '../testing';
import { Figures } from './support/figures';
import {
  badLimit,
  deepNesting,
  invalidJson,
  junkString,
  notABoolean,
  notAString,
  PROTOTYPE_KEYS,
  unknownKey,
  uuid,
} from './support/hostile-values';

type Body = Record<string, unknown>;

interface HostileRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Query string, already encoded by the test (so repeated and odd parameters stay as generated). */
  query?: [string, string][];
  body?: unknown;
  /** Sent as is, with Content-Type application/json. */
  raw?: string;
}

const CRM_TABLES = ['users', 'customers', 'customer_notes', 'customer_files'];

/** A request in one short line, whatever its depth. */
function describe_(request: HostileRequest): string {
  let body: string;
  try {
    body = JSON.stringify(request.body ?? request.raw ?? null) ?? '';
  } catch {
    body = '<too deep to print>';
  }
  return `${request.method} ${request.path}${request.query ? ` ${JSON.stringify(request.query).slice(0, 200)}` : ''} ${body.slice(0, 300)}`;
}

/**
 * At least 500 generated malformed requests to every endpoint that takes
 * input, as an admin (the deepest the input can reach): every answer must be
 * a 4xx with a message, and nothing may be written — Production's checksum
 * and the audit log are the same afterwards, and the chain still verifies.
 */
// The generators build malformed requests; one that happens to be well formed
// is a bug in the generator, not in the API. CI runs a fixed seed, so a green
// run stays green; set FC_SEED to explore other inputs locally.
fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261125) });

describe('hardening: hostile input', () => {
  let api: TestApi;
  let admin: { Authorization: string };
  let comparison: ComparisonReport;
  let missing: SeededCustomer[];
  const figures = new Figures('hostile-input');
  const fiveHundreds: string[] = [];
  const checksums = { before: '', devBefore: '' };

  beforeAll(async () => {
    api = await startTestApi();
    admin = api.bearer(api.adminToken);
    const owner = await seedOwner(api.pool('development'), api.pool('production'));
    await seedCustomers([api.pool('development'), api.pool('production')], {
      owner,
      customers: 5,
      notesEach: 2,
    });
    missing = await seedCustomers([api.pool('development')], {
      owner,
      customers: 3,
      notesEach: 2,
    });
    const response = await api.http.post('/api/dev/compare-databases').set(admin).send({});
    comparison = response.body as ComparisonReport;
    checksums.before = await crmChecksum(api.pool('production'));
    checksums.devBefore = await crmChecksum(api.pool('development'));
  });

  afterAll(async () => {
    figures.set('5xx answers', fiveHundreds.length);
    figures.print();
    await api?.close();
  });

  async function send(request: HostileRequest): Promise<{ status: number; body: ApiErrorBody }> {
    const search = request.query?.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const url = search ? `${request.path}?${search}` : request.path;
    let call = request.method === 'GET' ? api.http.get(url) : api.http.post(url);
    call = call.set(admin);
    if (request.raw !== undefined) {
      call = call.set('Content-Type', 'application/json').send(request.raw);
    } else if (request.body !== undefined) {
      call = call.send(request.body as object);
    }
    const response = await call;
    figures.answer(response.status);
    if (response.status >= 500) {
      fiveHundreds.push(`${request.method} ${request.path} → ${response.status}`);
    }
    return { status: response.status, body: response.body as ApiErrorBody };
  }

  /** The property every hostile request must have. */
  async function refused(request: HostileRequest): Promise<void> {
    const { status, body } = await send(request);
    const shown = describe_(request);
    if (status < 400 || status >= 500) {
      throw new Error(`${shown} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
    }
    if (typeof body?.message !== 'string' || body.message.trim() === '') {
      throw new Error(`${shown} answered ${status} without a message`);
    }
  }

  const run = (arbitrary: fc.Arbitrary<HostileRequest>, numRuns: number) =>
    fc.assert(fc.asyncProperty(arbitrary, refused), {
      numRuns,
      endOnFailure: true,
    });

  // ---- POST /api/dev/compare-databases -------------------------------------------------
  const compareBody = fc.oneof(
    notAString.map((tables) => ({ tables })),
    junkString.map((tables) => ({ tables })),
    fc
      .tuple(fc.array(fc.constantFrom(...CRM_TABLES), { maxLength: 2 }), fc.oneof(junkString, notAString))
      .map(([valid, bad]) => ({ tables: [...valid, bad] })),
    fc.constant({ tables: [] }),
    fc.constantFrom(...CRM_TABLES).map((t) => ({ tables: [t, t] })),
    fc.integer({ min: 5, max: 20_000 }).map((n) => ({
      tables: Array.from({ length: n }, (_, i) => CRM_TABLES[i % 4]),
    })),
    deepNesting.map((tables) => ({ tables })),
    fc
      .tuple(unknownKey, fc.jsonValue({ maxDepth: 2 }))
      .map(([key, value]) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value ?? null)}}`)),
  );

  it('POST /api/dev/compare-databases refuses 120 malformed bodies', async () => {
    await run(
      compareBody.map((body) => ({
        method: 'POST' as const,
        path: '/api/dev/compare-databases',
        body,
      })),
      120,
    );
  });

  // ---- POST /api/dev/sync-to-production ----------------------------------------------------
  it('POST /api/dev/sync-to-production refuses 200 malformed or impossible requests', async () => {
    const comparisonId = fc.oneof(fc.constant(comparison.id), uuid);
    const selection = { table: 'customer_notes', ids: missing[0].noteIds };
    const base = (id: string) => ({
      comparisonId: id,
      confirm: true,
      reason: 'Spec: copy the reviewed records',
      selections: [selection],
    });
    const mutation: fc.Arbitrary<(body: Record<string, unknown>) => unknown> = fc.oneof(
      fc
        .jsonValue()
        .filter((v) => v !== true)
        .map((confirm) => (b: Body) => ({ ...b, confirm })),
      fc.constant((b: Body) => ({ ...b, confirm: undefined })),
      fc.oneof(junkString, notAString).map((comparisonIdValue) => (b: Body) => ({
        ...b,
        comparisonId: comparisonIdValue,
      })),
      fc
        .oneof(notAString, junkString, deepNesting, fc.constant([]))
        .map((selections) => (b: Body) => ({ ...b, selections })),
      fc.integer({ min: 9, max: 60 }).map((n) => (b: Body) => ({
        ...b,
        selections: Array.from({ length: n }, () => selection),
      })),
      fc.oneof(junkString, notAString).map((table) => (b: Body) => ({
        ...b,
        selections: [{ table, ids: selection.ids }],
      })),
      fc
        .array(fc.oneof(junkString, notAString, uuid), {
          minLength: 1,
          maxLength: 30,
        })
        .map((ids) => (b: Body) => ({
          ...b,
          // Random UUIDs are well-formed but in no database: the plan refuses them too.
          selections: [
            {
              table: 'customers',
              ids: ids.map((id) => (typeof id === 'string' ? id.slice(0, 5_000) : id)),
            },
          ],
        })),
      fc.constant((b: Body) => ({
        ...b,
        selections: [
          {
            table: 'customers',
            ids: Array.from({ length: 10_001 }, () => randomUUID()),
          },
        ],
      })),
      fc.constant((b: Body) => ({
        ...b,
        selections: [{ table: 'customers', ids: [missing[0].id, missing[0].id] }],
      })),
      fc.constant((b: Body) => ({
        ...b,
        selections: [{ table: 'customers', ids: [missing[0].id], all: true }],
      })),
      fc
        .jsonValue()
        .filter((v) => v !== true && v !== null)
        .map((all) => (b: Body) => ({
          ...b,
          selections: [{ table: 'customers', all }],
        })),
      fc.constant((b: Body) => ({
        ...b,
        selections: [selection, selection],
      })),
      fc.tuple(unknownKey, fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => (b: Body) => ({
        ...JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value ?? null)}}`),
        ...b,
      })),
      fc.tuple(unknownKey, fc.jsonValue({ maxDepth: 1 })).map(([key, value]) => (b: Body) => ({
        ...b,
        selections: [
          {
            ...selection,
            ...JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value ?? null)}}`),
          },
        ],
      })),
      notABoolean.map((v) => (b: Body) => ({ ...b, includeParents: v })),
      notABoolean.map((v) => (b: Body) => ({ ...b, dryRun: v })),
    );
    await run(
      fc.tuple(comparisonId, mutation).map(([id, mutate]) => ({
        method: 'POST' as const,
        path: '/api/dev/sync-to-production',
        body: mutate(base(id)),
      })),
      200,
    );
  });

  // ---- GET endpoints with ids and queries ------------------------------------------------------
  // Never empty: /api/audit/events/ with no id is the list, not a malformed id.
  // ("." would resolve to the list itself.)
  const junkId = fc
    .oneof(
      junkString.map((s) => s.slice(0, 2_000)),
      fc.constantFrom('..', '%2e%2e', ' ', '1', 'null', 'undefined'),
    )
    .filter((id) => !/^\.?$/.test(id));
  const extraParam = fc.tuple(unknownKey, fc.string({ maxLength: 20 }));

  it('GET comparisons, a comparison, its records: 130 malformed ids and queries', async () => {
    const list = fc.oneof(
      badLimit.map((v) => [['limit', v]] as [string, string][]),
      junkString.map((v) => [['cursor', v.slice(0, 180)]] as [string, string][]),
      extraParam.map((p) => [p]),
      fc.constant([
        ['limit', '5'],
        ['limit', '6'],
      ] as [string, string][]),
    );
    const records = fc.oneof(
      junkString.map(
        (t) =>
          [
            ['table', t.slice(0, 1_000)],
            ['kind', 'missingInProduction'],
          ] as [string, string][],
      ),
      junkString.map(
        (k) =>
          [
            ['table', 'customers'],
            ['kind', k.slice(0, 1_000)],
          ] as [string, string][],
      ),
      badLimit.map(
        (v) =>
          [
            ['table', 'customers'],
            ['kind', 'differing'],
            ['limit', v],
          ] as [string, string][],
      ),
      junkString.map(
        (c) =>
          [
            ['table', 'customers'],
            ['kind', 'differing'],
            ['cursor', c.slice(0, 180)],
          ] as [string, string][],
      ),
      extraParam.map((p) => [['table', 'customers'], ['kind', 'differing'], p] as [string, string][]),
      fc.constant([['kind', 'differing']] as [string, string][]),
    );
    await run(
      fc.oneof(
        list.map((query) => ({
          method: 'GET' as const,
          path: '/api/dev/comparisons',
          query,
        })),
        junkId.map((id) => ({
          method: 'GET' as const,
          path: `/api/dev/comparisons/${encodeURIComponent(id)}`,
        })),
        uuid.map((id) => ({
          method: 'GET' as const,
          path: `/api/dev/comparisons/${id}`,
        })),
        fc.tuple(fc.oneof(fc.constant(comparison.id), uuid), records).map(([id, query]) => ({
          method: 'GET' as const,
          path: `/api/dev/comparisons/${id}/records`,
          query,
        })),
      ),
      130,
    );
  });

  it('GET /api/audit/events and /api/audit/events/:id: 90 malformed filters and ids', async () => {
    const instant = fc.oneof(
      junkString.map((s) => s.slice(0, 100)),
      fc.constantFrom('1', 'March 7', '2026-13-45', '2026-01-01T25:00', 'now'),
    );
    const query = fc.oneof(
      junkString.map((t) => [['type', t.slice(0, 500)]] as [string, string][]),
      fc.string({ minLength: 255, maxLength: 3_000 }).map((a) => [['actor', a]] as [string, string][]),
      instant.map((from) => [['from', from]] as [string, string][]),
      instant.map((to) => [['to', to]] as [string, string][]),
      junkString.map((c) => [['cursor', c.slice(0, 180)]] as [string, string][]),
      badLimit.map((v) => [['limit', v]] as [string, string][]),
      extraParam.map((p) => [p]),
    );
    await run(
      fc.oneof(
        query.map((q) => ({
          method: 'GET' as const,
          path: '/api/audit/events',
          query: q,
        })),
        junkId.map((id) => ({
          method: 'GET' as const,
          path: `/api/audit/events/${encodeURIComponent(id)}`,
        })),
        uuid.map((id) => ({
          method: 'GET' as const,
          path: `/api/audit/events/${id}`,
        })),
      ),
      90,
    );
  });

  it('POST /api/auth/login refuses 60 malformed bodies before checking any password', async () => {
    const email = api.users.admin.email;
    const body = fc.oneof(
      fc.record({
        email: fc.oneof(notAString, junkString),
        password: fc.constant('x'),
      }),
      fc.record({ email: fc.constant(email), password: notAString }),
      fc.constant({ email }),
      fc.constant({ password: 'x' }),
      fc.string({ minLength: 1025, maxLength: 5_000 }).map((password) => ({ email, password })),
      fc.tuple(unknownKey, fc.jsonValue({ maxDepth: 1 })).map(([key, value]) => ({
        email,
        password: 'x',
        ...JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value ?? null)}}`),
      })),
      deepNesting.map((password) => ({ email, password })),
    );
    const before = await api.query('audit', 'SELECT count(*)::int AS n FROM audit_events');
    await run(
      body.map((b: Body) => ({
        method: 'POST' as const,
        path: '/api/auth/login',
        body: b,
      })),
      60,
    );
    expect(await api.query('audit', 'SELECT count(*)::int AS n FROM audit_events')).toEqual(before);
  });

  it('refuses 45 bodies that are not JSON, and bodies over the size limit, on every POST endpoint', async () => {
    const posts = fc.constantFrom('/api/dev/compare-databases', '/api/dev/sync-to-production', '/api/auth/login');
    await run(
      fc.tuple(posts, invalidJson).map(([path, raw]) => ({ method: 'POST' as const, path, raw })),
      45,
    );
    for (const path of ['/api/dev/compare-databases', '/api/dev/sync-to-production', '/api/auth/login']) {
      const huge = { tables: ['customers'], padding: 'x'.repeat(600 * 1024) };
      const { status, body } = await send({ method: 'POST', path, body: huge });
      expect(status).toBe(413);
      expect(body.message).toMatch(/larger than the limit/);
    }
  });

  it('ignores keys that reach for the prototype (class-transformer drops them): no 5xx, no pollution', async () => {
    const requests: HostileRequest[] = PROTOTYPE_KEYS.flatMap((key) => [
      {
        method: 'GET' as const,
        path: '/api/dev/comparisons',
        query: [[key, 'x']] as [string, string][],
      },
      {
        method: 'GET' as const,
        path: '/api/audit/events',
        query: [[`${key}[isAdmin]`, 'true']] as [string, string][],
      },
      {
        method: 'POST' as const,
        path: '/api/dev/sync-to-production',
        raw: `{"${key}": {"isAdmin": true, "confirm": true}, "comparisonId": "x"}`,
      },
      {
        method: 'POST' as const,
        path: '/api/auth/login',
        raw: `{"${key}": {"role": "admin"}, "email": 1}`,
      },
    ]);
    for (const request of requests) {
      const { status } = await send(request);
      expect(status).toBeLessThan(500);
    }
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect(({} as Record<string, unknown>)['role']).toBeUndefined();
  });

  it('wrote nothing: Production checksum, Development and the audit log unchanged, the chain valid, no 5xx', async () => {
    // Compared with the state right after the set-up comparison.
    const verify = await api.http.get('/api/audit/verify').set(admin);
    expect(verify.body).toMatchObject({ ok: true });
    const events = await api.query<{ type: string }>('audit', 'SELECT type FROM audit_events ORDER BY seq');
    // Hostile syncs that got past the request's shape are refused while planning, and each leaves sync.refused;
    // apart from those, nothing was audited — no sync was ever requested.
    expect(events.map((e) => e.type).filter((type) => type !== 'sync.refused')).toEqual([
      'auth.login_succeeded',
      'auth.login_succeeded',
      'comparison.requested',
      'comparison.completed',
    ]);
    expect(fiveHundreds).toEqual([]);
    const after = await crmChecksum(api.pool('production'));
    expect(after).toBe(checksums.before);
    expect(await crmChecksum(api.pool('development'))).toBe(checksums.devBefore);
    figures.set('Production checksum before / after', `${checksums.before} / ${after}`);
    expect(figures.requests).toBeGreaterThanOrEqual(500);
  });
});
