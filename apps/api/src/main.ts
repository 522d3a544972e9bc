import { loadConfig } from '@vantix/config';
import { isStartRefusal } from '@vantix/runtime';
import { auditStoreRoleWarnings } from '@vantix/audit';
import { checkTablePrivileges } from '@vantix/sync-core';
import { createApp } from './app/create-app';
import { apiFeatures } from './app/features';
import { printBanner } from './app/runtime/banner';
import { openRuntime } from './app/runtime/open-runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  // The same start as the CLI's: databases, safety checks, the audit store migrated.
  const runtime = await openRuntime(config);
  try {
    const app = await createApp(runtime, apiFeatures(runtime));
    // 127.0.0.1 unless HOST says otherwise: exposing the server is a decision, not a default.
    await app.listen(config.port, config.host);
    // Least privilege: warn when the Production role could update, delete or truncate.
    const privileges = await checkTablePrivileges(runtime.production.pool).catch((error: unknown) => ({
      warnings: [`could not read the Production role's privileges: ${(error as Error).message}`],
    }));
    // And when the audit store's role could disable the audit log's triggers (owner or superuser).
    const auditRole = await auditStoreRoleWarnings(runtime.audit.pool).catch(() => []);
    printBanner(runtime, [...privileges.warnings, ...auditRole]);
    const shutdown = async () => {
      await app.close();
      await runtime.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown());
    process.once('SIGTERM', () => void shutdown());
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  // One clear line, no stack, for the errors a person can fix; the stack otherwise.
  console.error(
    `Vantix Sync did not start: ${isStartRefusal(error) ? error.message : ((error as Error)?.stack ?? String(error))}`,
  );
  process.exit(1);
});
