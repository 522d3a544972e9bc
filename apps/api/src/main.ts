import { ConfigError, loadConfig } from '@vantix/config';
import { resolveRuntime } from './app/runtime/resolve-runtime';
import { createApp } from './app/create-app';
import { printBanner } from './app/runtime/banner';
import { apiFeatures } from './app/features';
import { checkEnvironmentSafety } from './app/safety/environment-safety';
import { checkTablePrivileges, CrmDatabase, PROD_DATABASE } from '@vantix/sync-core';

async function main(): Promise<void> {
  const config = loadConfig();
  const { runtime, stop } = await resolveRuntime(config);
  try {
    await checkEnvironmentSafety(runtime);
    const app = await createApp(runtime, apiFeatures(runtime));
    await app.listen(config.port, '0.0.0.0');
    // Least privilege: warn when the Production role could update, delete or truncate.
    const privileges = await checkTablePrivileges(app.get<CrmDatabase>(PROD_DATABASE).pool).catch((error: unknown) => ({
      warnings: [`could not read the Production role's privileges: ${(error as Error).message}`],
    }));
    printBanner(runtime, privileges.warnings);
    const shutdown = async () => {
      await app.close();
      await stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown());
    process.once('SIGTERM', () => void shutdown());
  } catch (error) {
    await stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  // One clear line, no stack, for the errors a person can fix; the stack otherwise.
  const known = error instanceof ConfigError || (error as { name?: string })?.name === 'EnvironmentSafetyError';
  console.error(
    `Vantix Sync did not start: ${known ? (error as Error).message : ((error as Error)?.stack ?? String(error))}`,
  );
  process.exit(1);
});
