import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The product promise "a sync can only add rows to Production" is enforced
// structurally: no source file of the sync engine contains a statement that
// could change or remove a row. Specs are excluded (they tamper with the test
// databases on purpose).
describe('insert-only sync sources', () => {
  const sources = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

  it('finds the engine sources', () => {
    expect(sources).toEqual(expect.arrayContaining(['apply.ts', 'plan.ts', 'sync-engine.ts']));
  });

  it.each(sources)('%s issues no UPDATE, DELETE, TRUNCATE, MERGE or DROP', (name) => {
    const code = readFileSync(join(__dirname, name), 'utf8')
      // comments may talk about what the engine does not do
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1');
    const forbidden = /\b(UPDATE|DELETE|TRUNCATE|MERGE|DROP|ALTER)\b/;
    // SQL keywords as we write them (upper case) anywhere in the code…
    expect(code).not.toMatch(forbidden);
    // …and in any case inside string and template literals, where SQL lives.
    const literals = code.match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g) ?? [];
    for (const literal of literals) {
      expect(literal).not.toMatch(new RegExp(forbidden.source, 'i'));
    }
    // ON CONFLICT only ever does nothing (never DO UPDATE).
    for (const m of code.matchAll(/ON CONFLICT[^`'"]*?DO\s+(\w+)/gi)) {
      expect(m[1].toUpperCase()).toBe('NOTHING');
    }
  });
});
