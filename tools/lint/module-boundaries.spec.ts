import { join } from 'node:path';
import { createProjectGraphAsync } from '@nx/devkit';
import { ESLint } from 'eslint';

/**
 * The written module boundaries bite: a forbidden import fails lint. Each probe
 * is a small file linted by ESLint with its project's own configuration (as
 * `nx lint <project>` does), at a path inside that project, from memory — no
 * fixture file is ever written, so no build, type-check or other lint run can
 * pick one up. Each forbidden probe has an allowed twin, so a rule that was
 * silently skipped (no project graph) fails here rather than passing.
 */
const ROOT = join(__dirname, '..', '..');
const BOUNDARY_RULE = '@nx/enforce-module-boundaries';

async function boundaryErrors(project: string, file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: join(ROOT, project),
    overrideConfig: {
      // The probe exists only in memory, so no tsconfig includes it: the
      // type-aware rules (which need one) are off; the boundary rule needs none.
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'off',
        '@typescript-eslint/no-misused-promises': 'off',
        '@typescript-eslint/await-thenable': 'off',
        '@typescript-eslint/switch-exhaustiveness-check': 'off',
      },
    },
  });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, project, file) });
  const fatal = result.messages.filter((message) => message.fatal);
  if (fatal.length > 0) {
    throw new Error(`the probe did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  }
  return result.messages.filter((message) => message.ruleId === BOUNDARY_RULE).map((message) => message.message);
}

describe('module boundaries (eslint.config.mjs)', () => {
  beforeAll(async () => {
    // The rule reads Nx's cached project graph: make sure it is there and current.
    await createProjectGraphAsync({ exitOnError: false });
  }, 120_000);

  it.each([
    [
      'the console imports the configuration',
      'apps/console',
      'src/app/probe.ts',
      "import { loadConfig } from '@vantix/config';\nexport const probe = loadConfig;\n",
      /tagged with "scope:console" can only depend on libs tagged with "lib:contracts"/,
    ],
    [
      'the console imports the engine',
      'apps/console',
      'src/app/probe.ts',
      "import { CrmDatabase } from '@vantix/sync-core';\nexport const probe = CrmDatabase;\n",
      /tagged with "scope:console" can only depend on libs tagged with "lib:contracts"/,
    ],
    [
      'the CLI imports the embedded demo instead of going through the runtime',
      'apps/cli',
      'src/probe.ts',
      "import { startDemoEnvironment } from '@vantix/demo';\nexport const probe = startDemoEnvironment;\n",
      /tagged with "scope:cli" can only depend on libs tagged with "scope:shared", "scope:runtime"/,
    ],
    [
      'the API imports the embedded demo instead of going through the runtime',
      'apps/api',
      'src/app/probe.ts',
      "import { startDemoEnvironment } from '@vantix/demo';\nexport const probe = startDemoEnvironment;\n",
      /tagged with "scope:api" can only depend on libs tagged with "scope:shared", "scope:runtime"/,
    ],
    [
      'a production file of the API imports the test harness',
      'apps/api',
      'src/app/probe.ts',
      "import { createTestDatabase } from '@vantix/testing';\nexport const probe = createTestDatabase;\n",
      /tagged with "type:app" can only depend on libs tagged with "type:feature", "type:domain", "type:data-access", "type:util"$/,
    ],
    [
      'a production file of the engine imports the test harness',
      'libs/sync-core',
      'src/compare/probe.ts',
      "import { createTestDatabase } from '@vantix/testing';\nexport const probe = createTestDatabase;\n",
      /tagged with "type:domain" can only depend on libs tagged with "type:util", "type:data-access"$/,
    ],
    [
      'the CLI reaches into the API app by a relative path',
      'apps/cli',
      'src/probe.ts',
      "import { createApp } from '../../api/src/app/create-app';\nexport const probe = createApp;\n",
      /Projects cannot be imported by a relative or absolute path/,
    ],
    [
      'the browser tests reach into the API app by a relative path',
      'apps/e2e',
      'src/probe.e2e.ts',
      "import { startTestApi } from '../../api/src/testing';\nexport const probe = startTestApi;\n",
      /Projects cannot be imported by a relative or absolute path/,
    ],
    [
      'the engine imports the audit log',
      'libs/sync-core',
      'src/compare/probe.ts',
      "import { AuditLog } from '@vantix/audit';\nexport const probe = AuditLog;\n",
      // Two domain libs never depend on each other (lib:sync-core / lib:audit say it once more).
      /tagged with "type:domain" can only depend on libs tagged with "type:util", "type:data-access"$/,
    ],
    [
      'the runtime lib imports Nest',
      'libs/runtime',
      'src/probe.ts',
      "import { Module } from '@nestjs/common';\nexport const probe = Module;\n",
      /tagged with "type:feature" is not allowed to import "@nestjs\/common"/,
    ],
  ])('fails lint when %s', async (_what, project, file, code, expected) => {
    const errors = await boundaryErrors(project, file, code);
    expect(errors).toEqual([expect.stringMatching(expected)]);
  });

  it.each([
    ['the console imports the contracts', 'apps/console', 'src/app/probe.ts', '@vantix/contracts', 'RECORD_KINDS'],
    [
      'the CLI opens its databases through the runtime',
      'apps/cli',
      'src/probe.ts',
      '@vantix/runtime',
      'openEnvironment',
    ],
    ['the API starts through the runtime', 'apps/api', 'src/app/probe.ts', '@vantix/runtime', 'openEnvironment'],
    [
      'a spec of the API uses the harness',
      'apps/api',
      'src/app/probe.spec.ts',
      '@vantix/testing',
      'createTestDatabase',
    ],
    ['a spec of the engine uses the harness', 'libs/sync-core', 'src/probe.spec.ts', '@vantix/testing', 'onServer'],
    ['the browser tests use the harness', 'apps/e2e', 'src/probe.e2e.ts', '@vantix/testing', 'startServerProcess'],
    ['the runtime opens the embedded demo', 'libs/runtime', 'src/probe.ts', '@vantix/demo', 'startDemoEnvironment'],
  ])('passes lint when %s', async (_what, project, file, from, name) => {
    const errors = await boundaryErrors(
      project,
      file,
      `import { ${name} } from '${from}';\nexport const probe = ${name};\n`,
    );
    expect(errors).toEqual([]);
  });
});
