import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The product promise "a sync can only add rows to Production" is enforced
// structurally: no source file on the way from a selection to Production — the
// database floor, introspection, the comparison, the plan, the apply step and
// the façades — contains a statement that could change or remove a row. Specs
// and test fixtures are excluded (they tamper with the test databases on
// purpose), and so is privileges/, which only asks the catalog whether the
// role holds UPDATE, DELETE or TRUNCATE.
const FOLDERS = ['.', 'db', 'introspect', 'compare', 'summaries', 'plan', 'apply'];

describe('insert-only sync sources', () => {
  const sources = FOLDERS.flatMap((folder) =>
    readdirSync(join(__dirname, folder))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .map((f) => (folder === '.' ? f : `${folder}/${f}`)),
  );

  it('finds the engine sources', () => {
    expect(sources).toEqual(
      expect.arrayContaining(['apply/apply.ts', 'apply/insert-batch.ts', 'plan/plan.ts', 'sync-engine.ts']),
    );
  });

  it.each(sources)('%s issues no UPDATE, DELETE, TRUNCATE, MERGE or DROP', (name) => {
    const code = readFileSync(join(__dirname, name), 'utf8')
      // comments may talk about what the engine does not do
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1')
      // module paths are not SQL ('./sorted-merge')
      .replace(/\bfrom\s+'[^']*'/g, "from ''");
    const forbidden = /\b(UPDATE|DELETE|TRUNCATE|MERGE|DROP|ALTER)\b/;
    // SQL keywords as we write them (upper case) anywhere in the code…
    expect(code).not.toMatch(forbidden);
    // …and in any case inside string and template literals, where SQL lives
    // (MERGE as the statement, MERGE INTO: messages may ask a person to merge ids).
    const inLiterals = /\b(UPDATE|DELETE|TRUNCATE|DROP|ALTER)\b|\bMERGE\s+INTO\b/i;
    const literals = code.match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g) ?? [];
    for (const literal of literals) {
      expect(literal).not.toMatch(inLiterals);
    }
    // ON CONFLICT only ever does nothing (never DO UPDATE).
    for (const m of code.matchAll(/ON CONFLICT[^`'"]*?DO\s+(\w+)/gi)) {
      expect(m[1].toUpperCase()).toBe('NOTHING');
    }
  });
});
