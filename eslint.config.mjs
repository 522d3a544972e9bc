import nx from '@nx/eslint-plugin';

// Module boundaries (STYLE.md §5), in two dimensions plus a few names:
// - scope:* — which part of the product may use a project:
//   shared (anyone), runtime (the runnable apps: API and CLI), demo (only the
//   runtime lib), api, cli, console, e2e, tools;
// - type:* — the layer: app, feature (orchestration: runtime, audited
//   operations), domain (sync-core, audit), data-access (migrations, demo,
//   report store), util (config, contracts, db-errors), testing (the harness),
//   e2e, tools;
// - lib:* — where a rule needs one lib by name (the console sees only the contracts).
// Nx tags cannot tell a spec from production code, so the constraints are
// written twice: production files may not import type:testing, test files may.
// tools/lint/module-boundaries.spec.ts proves that they bite.

/** Test code: specs, browser tests, test harnesses and fixtures — the only files that may import @vantix/testing. */
export const TEST_FILES = [
  '**/*.spec.ts',
  '**/*.e2e.ts',
  '**/testing/**/*.ts',
  '**/hardening/**/*.ts',
  '**/spec-fixtures.ts',
  '**/*.spec-helper.ts',
];

const NO_FRAMEWORKS = ['@nestjs/*', '@angular/*', 'express'];

/** @param {{ tests: boolean }} files */
function depConstraints({ tests }) {
  const testing = tests ? ['type:testing'] : [];
  return [
    // Scope: who may use what.
    {
      sourceTag: 'scope:console',
      onlyDependOnLibsWithTags: ['lib:contracts'],
      bannedExternalImports: ['@prisma/*', 'prisma', '@nestjs/*', 'pg', 'pg-*', '@electric-sql/*', 'bcryptjs'],
    },
    { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared', 'scope:runtime'] },
    { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:shared', 'scope:runtime'] },
    { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
    // The embedded demo is reached only through the runtime lib (and the demo:reset script).
    { sourceTag: 'scope:runtime', onlyDependOnLibsWithTags: ['scope:shared', 'scope:demo'] },
    { sourceTag: 'scope:demo', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:runtime', 'scope:demo'] },

    // Type: the layers.
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:data-access', 'type:util', ...testing],
    },
    {
      // Orchestration of domain libs for the apps (openEnvironment, the audited comparison and sync).
      sourceTag: 'type:feature',
      onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:util', ...testing],
      bannedExternalImports: NO_FRAMEWORKS,
    },
    {
      sourceTag: 'type:domain',
      onlyDependOnLibsWithTags: ['type:util', 'type:data-access', ...testing],
      bannedExternalImports: NO_FRAMEWORKS,
    },
    {
      sourceTag: 'type:data-access',
      onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:domain', ...testing],
      bannedExternalImports: ['@nestjs/*', '@angular/*'],
    },
    {
      sourceTag: 'type:util',
      onlyDependOnLibsWithTags: ['type:util', ...testing],
      bannedExternalImports: ['@nestjs/*', '@angular/*', '@prisma/*', 'pg'],
    },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:testing'] },
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
    {
      sourceTag: 'type:tools',
      onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:data-access', 'type:util', 'type:testing'],
    },

    // The two domain libs stay apart: the audited operations join them.
    { sourceTag: 'lib:sync-core', notDependOnLibsWithTags: ['lib:audit', 'lib:report-store'] },
    { sourceTag: 'lib:audit', notDependOnLibsWithTags: ['lib:sync-core', 'lib:report-store'] },
    { sourceTag: 'lib:report-store', notDependOnLibsWithTags: ['lib:sync-core'] },
  ];
}

/**
 * The boundary rule's settings for production (`tests: false`) or test files;
 * `allow` adds import paths that may cross a boundary (see tools/eslint.config.mjs).
 * @param {{ tests: boolean, allow?: string[] }} files
 */
export const moduleBoundaries = ({ tests, allow = [] }) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', ...allow],
    depConstraints: depConstraints({ tests }),
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/generated/**', 'tmp/**', '.demo-data/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ tests: false }),
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ tests: true }) },
  },
  {
    // Type-aware rules where a mistake costs data: a promise nobody awaits, a
    // switch that forgets a case.
    files: ['**/*.ts'],
    ignores: ['**/jest.config.ts', '**/*.cts', '**/generated/**'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
];
