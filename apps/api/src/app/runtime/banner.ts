import { describeTarget } from '@vantix/config';
import { Runtime } from './runtime';

function describeMigrations({ applied, alreadyApplied }: Runtime['auditMigrations']): string {
  return applied.length > 0
    ? `migrated now: ${applied.length} migration(s) applied, ${alreadyApplied.length} already there`
    : `up to date, ${alreadyApplied.length} migration(s)`;
}

/** The host part of a URL a person can open: every interface or loopback is reachable as localhost here. */
function browsableHost(host: string): string {
  if (['0.0.0.0', '::', '127.0.0.1', '::1'].includes(host)) {
    return 'localhost';
  }
  return host.includes(':') ? `[${host}]` : host;
}

/** The start-up banner: where the console is, which databases, and in demo mode how to log in. */
export function printBanner(runtime: Runtime, privilegeWarnings: readonly string[] = []): void {
  const { config, urls, demo, auditMigrations } = runtime;
  const origin = `http://${browsableHost(config.host)}:${config.port}`;
  const exposure = ['127.0.0.1', '::1', 'localhost'].includes(config.host)
    ? 'this machine only; HOST=0.0.0.0 exposes it'
    : 'reachable from other machines';
  const lines = [
    '',
    '  Vantix Sync is running' + (demo ? ' in DEMO MODE (embedded databases, seeded drifted CRM data)' : ''),
    `  Console:       ${origin}/dev-console`,
    // The OpenAPI page is not served in production (see create-app.ts).
    ...(config.appEnv === 'development' ? [`  API docs:      ${origin}/api/docs`] : []),
    `  Listening on:  ${config.host}:${config.port} (${exposure})`,
    `  Environment:   ${config.appEnv}`,
    `  Dev database:  ${describeTarget(urls.development)}`,
    `  Prod database: ${describeTarget(urls.production)}`,
    `  Audit store:   ${describeTarget(urls.audit)} (${describeMigrations(auditMigrations)})`,
  ];
  if (demo) {
    lines.push(
      `  Demo admin:    ${demo.credentials.admin.email} / ${demo.credentials.admin.password}`,
      `  Demo approver: ${demo.credentials.approver.email} / ${demo.credentials.approver.password} (a second admin, for SYNC_APPROVALS=2)`,
      `  Demo agent:    ${demo.credentials.agent.email} / ${demo.credentials.agent.password} (not an admin)`,
      `  Demo data:     ${demo.dataDir} (npm run demo:reset starts over)`,
    );
  }
  // The embedded demo runs as PGlite's superuser by design: warning about it would only be noise.
  if (!demo) {
    lines.push(...privilegeWarnings.map((warning) => `  WARNING:      ${warning}`));
  }
  console.log(lines.join('\n') + '\n');
}
