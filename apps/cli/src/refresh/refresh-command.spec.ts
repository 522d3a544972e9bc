import { loadCliConfig } from '@vantix/config';
import { trustEnv } from '@vantix/testing';
import { runCli } from '../program';
import { ExitCode } from '../exit-codes';

// The refusals that come before any database is opened (the real run is in apps/e2e/src/refresh.e2e.ts).
describe('vantix-sync refresh-dev: usage', () => {
  const run = async (argv: string[], env: Record<string, string>) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ['node', 'vantix-sync', ...argv],
      { out: (s) => out.push(s), err: (s) => err.push(s) },
      () => loadCliConfig(env),
    );
    return { code, out: out.join(''), err: err.join('') };
  };
  const args = ['refresh-dev', '--comparison', '00000000-0000-4000-8000-000000000000', '--tables', 'customers'];

  it('requires --reason for a real refresh: exit 2, nothing opened', async () => {
    const result = await run(args, {});
    expect(result.code).toBe(ExitCode.error);
    expect(result.err).toMatch(/give --reason/);
  });

  it('does not exist with APP_ENV=production', async () => {
    // Databases no test creates: the refusal comes before any is opened.
    const url = 'postgresql://nobody@127.0.0.1:1/never';
    const result = await run([...args, '--dry-run'], {
      APP_ENV: 'production',
      DATABASE_URL_DEV: `${url}_dev`,
      DATABASE_URL_PROD: `${url}_prod`,
      AUDIT_DATABASE_URL: `${url}_audit`,
      ...trustEnv(),
    });
    expect(result.err).toMatch(/refresh-dev is a development command: APP_ENV is production/);
    expect(result.code).toBe(ExitCode.error);
  });

  it('requires --comparison and --tables', async () => {
    expect((await run(['refresh-dev', '--tables', 'customers', '--dry-run'], {})).code).toBe(ExitCode.error);
    expect((await run(['refresh-dev', '--comparison', 'x', '--dry-run'], {})).code).toBe(ExitCode.error);
  });
});
