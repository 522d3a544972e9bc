// npm run migrate -- crm|audit <postgres-url>
// The explicit command for applying migrations to a database you name. The CRM
// migrations never run on a real CRM database unless someone runs this.
import { redactConnectionString } from '@vantix/config';
import { applyMigrations } from './migration-runner';
import { auditMigrationsDir, crmMigrationsDir } from './paths';

async function main(): Promise<void> {
  const [target, url] = process.argv.slice(2);
  if ((target !== 'crm' && target !== 'audit') || !url) {
    console.error('usage: npm run migrate -- crm|audit <postgres-url>');
    process.exit(2);
  }
  const outcome = await applyMigrations(url, target === 'crm' ? crmMigrationsDir() : auditMigrationsDir());
  console.log(
    `${redactConnectionString(url)}: applied ${outcome.applied.length} (${outcome.applied.join(', ') || 'none'}), ` +
      `${outcome.alreadyApplied.length} already applied`,
  );
}

main().catch((error: unknown) => {
  console.error(`migrate failed: ${(error as Error).message}`);
  process.exit(1);
});
