import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { preProcessFile } from 'typescript';
import { stronglyConnectedComponents } from './plan/strongly-connected';

// The folders are the pipeline (lib README): db → introspect → compare → plan →
// apply, with summaries/ and privileges/ beside it on top of db and introspect,
// and the façades at the top of src/. A file may import from its own folder or
// an earlier one, never a later one; test fixtures (testing/) are not part of
// the pipeline and may be imported by any spec.
const STAGE: Record<string, number> = {
  db: 0,
  introspect: 1,
  summaries: 2,
  privileges: 2,
  compare: 3,
  plan: 4,
  apply: 5,
  '': 6,
};
const MAX_PRODUCTION_LINES = 300;

interface SourceFile {
  path: string;
  folder: string;
  imports: string[];
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'generated' ? [] : sources(path);
    }
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate)) ?? null;
}

const files: SourceFile[] = sources(__dirname).map((path) => {
  const { importedFiles } = preProcessFile(readFileSync(path, 'utf8'), true, true);
  const imports = importedFiles
    .filter((imported) => imported.fileName.startsWith('.'))
    .map((imported) => resolveImport(path, imported.fileName))
    .filter((target): target is string => target !== null && !target.includes(`${sep}generated${sep}`));
  const parts = relative(__dirname, path).split(sep);
  return { path, folder: parts.length > 1 ? parts[0] : '', imports };
});
const folderOf = new Map(files.map((file) => [file.path, file.folder]));
const name = (path: string) => relative(__dirname, path);

describe('libs/sync-core/src is the pipeline', () => {
  it('has a stage for every folder', () => {
    const unknown = files.filter((f) => f.folder !== 'testing' && !(f.folder in STAGE)).map((f) => name(f.path));
    expect(unknown).toEqual([]);
  });

  it('has no import from a later stage (specs included)', () => {
    const upward = files.flatMap((file) =>
      file.folder === 'testing'
        ? []
        : file.imports
            .filter((target) => {
              const folder = folderOf.get(target) ?? '';
              return folder !== 'testing' && STAGE[folder] > STAGE[file.folder];
            })
            .map((target) => `${name(file.path)} → ${name(target)}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no import circle', () => {
    const edges = new Map(files.map((file) => [file.path, file.imports]));
    const circles = stronglyConnectedComponents(edges.keys(), (path) => edges.get(path) ?? [])
      .filter((members) => members.length > 1)
      .map((members) => members.map(name));
    expect(circles).toEqual([]);
  });

  it(`has no production file over ${MAX_PRODUCTION_LINES} lines`, () => {
    const long = files
      .filter((file) => !file.path.endsWith('.spec.ts') && file.folder !== 'testing')
      .map((file) => ({ file: name(file.path), lines: readFileSync(file.path, 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_PRODUCTION_LINES);
    expect(long).toEqual([]);
  });
});
