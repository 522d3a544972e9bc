import nx from '@nx/eslint-plugin';

// Module boundaries (STYLE.md §5): tags in two dimensions, scope:* and type:*,
// plus lib:* where two libs of one type must stay apart.
const depConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:data-access', 'type:util', 'type:testing'],
  },
  {
    // A feature lib joins domain libs for the apps (e.g. sync-core + audit).
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:util'],
    bannedExternalImports: ['@nestjs/*', '@angular/*', 'express'],
  },
  {
    sourceTag: 'scope:console',
    onlyDependOnLibsWithTags: ['type:util'],
    notDependOnLibsWithTags: ['type:domain', 'type:data-access'],
    bannedExternalImports: ['@prisma/*', 'prisma', '@nestjs/*', 'pg', 'pg-*', '@electric-sql/*', 'bcryptjs'],
  },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:testing'],
    bannedExternalImports: ['@nestjs/*', '@angular/*', 'express'],
  },
  { sourceTag: 'lib:sync-core', notDependOnLibsWithTags: ['lib:audit', 'scope:api', 'scope:console'] },
  { sourceTag: 'lib:audit', notDependOnLibsWithTags: ['lib:sync-core', 'scope:api', 'scope:console'] },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:domain'],
    bannedExternalImports: ['@nestjs/*', '@angular/*'],
  },
  {
    sourceTag: 'type:util',
    onlyDependOnLibsWithTags: ['type:util'],
    bannedExternalImports: ['@nestjs/*', '@angular/*', '@prisma/*', 'pg'],
  },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:testing'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util', 'type:testing', 'type:data-access', 'type:app'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/generated/**', 'tmp/**', '.demo-data/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints,
        },
      ],
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
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
