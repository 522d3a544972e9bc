import type { TableComparison } from '@vantix/contracts';
import { createTestDatabase, TestDatabase } from '@vantix/testing';
import { CrmDatabase } from './db/crm-database';
import { ComparisonEngine } from './comparison-engine';
import { UnknownTableError } from './introspect/table-pairing';

const DEV_SQL = `
  CREATE TABLE tags (lang char(2), code text, label varchar(40) NOT NULL, api_token text, extra_dev int, score int,
                     PRIMARY KEY (lang, code));
  INSERT INTO tags VALUES ('en', 'a', 'Label A', 't1', 1, 1), ('en', 'b', 'Label B', 'dev-token-value', 2, 2),
                          ('de', 'a', 'Etikett', 't3', 3, 3), ('fr', 'x', 'Étiquette', 't4', 4, 4);
  CREATE TABLE codes (code text PRIMARY KEY, title text);
  INSERT INTO codes VALUES ('a', 'same'), ('Z', 'same'), ('é', 'dev'), ('😀', 'only dev'), (E'\\uFFFD', 'only dev'),
                           ('ab', 'same'), ('a b', 'only dev');
  CREATE TABLE only_dev (id int PRIMARY KEY, name text);
  INSERT INTO only_dev VALUES (1, 'one'), (2, 'two');
  CREATE TABLE rekeyed (a int PRIMARY KEY, b int);
  INSERT INTO rekeyed VALUES (1, 1);
  CREATE TABLE keyless (a int, b text);`;
const PROD_SQL = `
  CREATE TABLE tags (lang char(2), code text, label text NOT NULL, api_token text, extra_prod jsonb, score int,
                     PRIMARY KEY (lang, code));
  INSERT INTO tags VALUES ('en', 'a', 'Label A', 't1', '{}', 1), ('en', 'b', 'Label B', 'prod-token-value', NULL, 2),
                          ('de', 'a', 'Etikett (neu)', 't3', NULL, 3), ('it', 'y', 'Etichetta', 't5', NULL, 5);
  CREATE TABLE codes (code text PRIMARY KEY, title text);
  INSERT INTO codes VALUES ('a', 'same'), ('Z', 'same'), ('é', 'prod'), ('ab', 'same'), ('中', 'only prod');
  CREATE TABLE only_prod (id int PRIMARY KEY);
  CREATE TABLE rekeyed (a int, b int, PRIMARY KEY (a, b));
  INSERT INTO rekeyed VALUES (1, 1), (1, 2);
  CREATE TABLE keyless (a int, b text);
  INSERT INTO keyless VALUES (1, 'x');`;

const TABLES = ['tags', 'codes', 'only_dev', 'only_prod', 'rekeyed', 'keyless'];

describe('ComparisonEngine with schema drift and non-uuid keys', () => {
  let devDb: TestDatabase;
  let prodDb: TestDatabase;
  let dev: CrmDatabase;
  let prod: CrmDatabase;
  let engine: ComparisonEngine;
  let byTable: Map<string, TableComparison>;
  let recommendations: { priority: string; table: string; title: string; action: string }[];

  beforeAll(async () => {
    [devDb, prodDb] = await Promise.all([
      createTestDatabase('drift_dev', 'none'),
      createTestDatabase('drift_prod', 'none'),
    ]);
    dev = new CrmDatabase('development', devDb.url);
    prod = new CrmDatabase('production', prodDb.url);
    await Promise.all([dev.pool.query(DEV_SQL), prod.pool.query(PROD_SQL)]);
    engine = new ComparisonEngine(dev, prod, { tables: TABLES });
    const result = await engine.compare({ recordCap: 50 });
    byTable = new Map(result.tables.map((t) => [t.table, t]));
    recommendations = result.recommendations;
  });
  afterAll(async () => {
    await Promise.all([dev?.close(), prod?.close()]);
    await Promise.all([devDb?.drop(), prodDb?.drop()]);
  });

  it('reports columns on one side only and type mismatches, and compares data on the shared columns', () => {
    const tags = byTable.get('tags') as TableComparison;
    expect(tags.schemaDrift).toEqual({
      missingTable: null,
      onlyInDevelopment: ['extra_dev'],
      onlyInProduction: ['extra_prod'],
      typeMismatches: [{ column: 'label', development: 'character varying(40)', production: 'text' }],
      none: false,
    });
    // ('en','a') differs only in the one-sided columns: not a difference.
    expect(tags.differing.records.map((r) => [r.id, r.columns]).sort()).toEqual([
      ['["de","a"]', ['label']],
      ['["en","b"]', ['api_token']],
    ]);
  });

  it('spells composite keys as JSON arrays of the key texts, in key order', () => {
    const tags = byTable.get('tags') as TableComparison;
    expect(tags.missingInProduction.records).toEqual([{ id: '["fr","x"]', summary: 'Étiquette', createdAt: null }]);
    expect(tags.missingInDevelopment.records).toEqual([{ id: '["it","y"]', summary: 'Etichetta', createdAt: null }]);
  });

  it('never returns a sensitive value (a column named like a token), only its name', () => {
    const json = JSON.stringify([...byTable.values()]);
    expect(json).not.toContain('token-value');
    expect(byTable.get('tags')?.differing.records.find((r) => r.id === '["en","b"]')?.summary).toBe('Label B');
  });

  it('merges text keys in byte order, whatever the characters', () => {
    const codes = byTable.get('codes') as TableComparison;
    expect([codes.devCount, codes.prodCount]).toEqual([7, 5]);
    expect(codes.missingInProduction.records.map((r) => r.id).sort()).toEqual(['a b', '\uFFFD', '😀'].sort());
    expect(codes.missingInDevelopment.records.map((r) => r.id)).toEqual(['中']);
    expect(codes.differing.records.map((r) => [r.id, r.columns])).toEqual([['é', ['title']]]);
    expect(codes.schemaDrift.none).toBe(true);
  });

  it('reports a table missing on a side with counts and no record lists', () => {
    const onlyDev = byTable.get('only_dev') as TableComparison;
    expect(onlyDev.schemaDrift).toEqual(expect.objectContaining({ missingTable: 'production', none: false }));
    expect([onlyDev.devCount, onlyDev.prodCount]).toEqual([2, 0]);
    expect(onlyDev.missingInProduction).toEqual({ count: 0, records: [] });
    expect(byTable.get('only_prod')?.schemaDrift.missingTable).toBe('development');
  });

  it('does not match records when the primary keys differ or are absent', () => {
    const rekeyed = byTable.get('rekeyed') as TableComparison;
    expect(rekeyed.schemaDrift.primaryKey).toEqual({ development: ['a'], production: ['a', 'b'] });
    expect(rekeyed.schemaDrift.none).toBe(false);
    expect([rekeyed.devCount, rekeyed.prodCount]).toEqual([1, 2]);
    expect(rekeyed.differing.count + rekeyed.missingInProduction.count + rekeyed.missingInDevelopment.count).toBe(0);
    expect(byTable.get('keyless')?.schemaDrift.primaryKey).toEqual({ development: [], production: [] });
  });

  it('recommends migrating before syncing for every drifted table', () => {
    const drift = recommendations.filter((r) => r.title.startsWith('Schema drift'));
    expect(drift.map((r) => r.table).sort()).toEqual(['keyless', 'only_dev', 'only_prod', 'rekeyed', 'tags']);
    expect(drift.every((r) => r.priority === 'high')).toBe(true);
    expect(drift.find((r) => r.table === 'only_dev')?.action).toContain('does not exist in Production');
    expect(drift.find((r) => r.table === 'tags')?.action).toContain(
      'label is character varying(40) in Development but text in Production',
    );
  });

  it('fails clearly for a configured table that exists on neither side', async () => {
    const wide = new ComparisonEngine(dev, prod, { tables: ['nowhere'] });
    await expect(wide.compare({ recordCap: 1 })).rejects.toBeInstanceOf(UnknownTableError);
  });
});
