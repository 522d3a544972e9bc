import { randomUUID } from 'node:crypto';
import { RecordReview, InvalidRecordIdError, RecordNotFoundError } from './record-review';
import { createDatabasePair, customer, DatabasePair, file, insertRows, note, user } from './testing/spec-fixtures';

/**
 * The record review on a real Dev/Prod pair: values side by side with the
 * changed cells, secrets never returned, parents and children with their
 * status, names for ids, and which missing records need parents.
 */
describe(RecordReview.name, () => {
  let pair: DatabasePair;
  let review: RecordReview;
  const owner = user({ role: 'admin', email: 'owner@example.com' });
  const devAdmin = user({ role: 'admin', email: 'new-admin@example.com' });
  const shared = customer({ name: 'Shared Sam', email: 'sam@example.com', owner_id: owner.id });
  const differing = customer({ name: 'Dora Differs', email: 'dora@dev.example', owner_id: owner.id });
  const parent = customer({ name: 'Quentin Parent', company: 'Quill', owner_id: owner.id });
  const notes = [note(parent.id, { body: 'Renewal call' }), note(parent.id, { body: 'Second call' })];
  const sharedNote = note(shared.id, { body: 'Only in Dev, customer in Prod' });
  const parentFile = file(parent.id, { file_name: 'contract.pdf' });
  // insertRows fixes created_at; updated_at must match too, or every shared row would differ.
  const at = { updated_at: '2026-01-01T00:00:00Z' };
  const context = { comparisonId: randomUUID(), comparedAt: '2026-11-30T10:00:00.000Z' };

  beforeAll(async () => {
    pair = await createDatabasePair('review');
    await insertRows(pair.dev, 'users', [owner, devAdmin]);
    await insertRows(pair.prod, 'users', [{ ...owner, password_hash: '$2b$10$another-hash' }]);
    await insertRows(
      pair.dev,
      'customers',
      [shared, differing, parent].map((row) => ({ ...row, ...at })),
    );
    await insertRows(pair.prod, 'customers', [
      { ...shared, ...at },
      { ...differing, ...at, email: 'dora@prod.example' },
    ]);
    await insertRows(pair.dev, 'customer_notes', [...notes, sharedNote]);
    await insertRows(pair.dev, 'customer_files', [parentFile]);
    review = new RecordReview(pair.dev, pair.prod);
  });
  afterAll(() => pair?.close());

  it('shows a differing record side by side with exactly the changed cells flagged', async () => {
    const detail = await review.detail('customers', differing.id, { ...context, comparedAs: 'differing' });
    expect(detail).toMatchObject({ state: 'differing', changedSinceComparison: false });
    expect(detail.summary).toMatch(/^Dora Differs/);
    const email = detail.columns.find((c) => c.name === 'email');
    expect(email).toMatchObject({ development: 'dora@dev.example', production: 'dora@prod.example', differs: true });
    expect(detail.columns.filter((c) => c.differs).map((c) => c.name)).toEqual(['email']);
    expect(detail.parents).toEqual([
      expect.objectContaining({ table: 'users', id: owner.id, inDevelopment: true, inProduction: true }),
    ]);
  });

  it('masks a sensitive column and still says that it differs', async () => {
    const detail = await review.detail('users', owner.id, { ...context, comparedAs: null });
    const hash = detail.columns.find((c) => c.name === 'password_hash');
    expect(hash).toMatchObject({ sensitive: true, development: null, production: null, differs: true });
    expect(JSON.stringify(detail)).not.toMatch(/secret-|another-hash/);
  });

  it('lists the children in Development and those Production lacks, with names', async () => {
    const detail = await review.detail('customers', parent.id, { ...context, comparedAs: 'missingInProduction' });
    expect(detail.state).toBe('missingInProduction');
    const byTable = new Map(detail.children.map((c) => [c.table, c]));
    expect(byTable.get('customer_notes')).toMatchObject({ inDevelopment: 2, missingInProductionCount: 2 });
    expect(
      byTable
        .get('customer_notes')
        ?.missingInProduction.map((r) => r.summary)
        .sort(),
    ).toEqual(['Quentin Parent: Renewal call', 'Quentin Parent: Second call']);
    expect(byTable.get('customer_files')).toMatchObject({ inDevelopment: 1, missingInProductionCount: 1 });
  });

  it('says when the record is no longer what the comparison found', async () => {
    const detail = await review.detail('customers', shared.id, { ...context, comparedAs: 'missingInProduction' });
    expect(detail).toMatchObject({ state: 'identical', changedSinceComparison: true });
  });

  it('names a parent missing in Production and refuses ids that cannot exist', async () => {
    const detail = await review.detail('customer_notes', notes[0].id, { ...context, comparedAs: null });
    expect(detail.parents).toEqual([
      {
        table: 'customers',
        id: parent.id,
        columns: ['customer_id'],
        summary: 'Quentin Parent — Quill',
        inDevelopment: true,
        inProduction: false,
      },
    ]);
    await expect(review.detail('customers', 'not-a-uuid', { ...context, comparedAs: null })).rejects.toBeInstanceOf(
      InvalidRecordIdError,
    );
    await expect(review.detail('pg_authid', owner.id, { ...context, comparedAs: null })).rejects.toBeInstanceOf(
      InvalidRecordIdError,
    );
    await expect(review.detail('customers', randomUUID(), { ...context, comparedAs: null })).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
  });

  it('names records by summary, null for one on neither side', async () => {
    const unknown = randomUUID();
    const summaries = await review.summaries([
      { table: 'customers', id: parent.id },
      { table: 'customer_notes', id: notes[1].id },
      { table: 'customers', id: unknown },
      { table: 'customers', id: 'bad id' },
    ]);
    expect(summaries.map((s) => s.summary)).toEqual([
      'Quentin Parent — Quill',
      'Quentin Parent: Second call',
      null,
      null,
    ]);
  });

  it('finds which missing records need a parent missing in Production, and the admin accounts', async () => {
    const facts = await review.dependencies(
      new Map([
        ['users', [devAdmin.id]],
        ['customers', [parent.id]],
        ['customer_notes', [...notes.map((n) => n.id), sharedNote.id]],
        ['customer_files', [parentFile.id]],
      ]),
    );
    expect(facts.privileged).toEqual([{ table: 'users', id: devAdmin.id }]);
    const needing = facts.needsParents.map((r) => `${r.table}:${r.id}`).sort();
    expect(needing).toEqual([...notes.map((n) => `customer_notes:${n.id}`), `customer_files:${parentFile.id}`].sort());
    expect(facts.needsParents[0].parents).toEqual([{ table: 'customers', id: parent.id, inDevelopment: true }]);
  });
});
