import { ConfigError, loadConfig } from '@vantix/config';
import { resolveRuntime } from './app/runtime/resolve-runtime';
import { createApp } from './app/create-app';
import { printBanner } from './app/runtime/banner';
import { apiFeatures } from './app/features';
import { checkEnvironmentSafety } from './app/safety/environment-safety';

async function main(): Promise<void> {
  const config = loadConfig();
  const { runtime, stop } = await resolveRuntime(config);
  try {
    await checkEnvironmentSafety(runtime);
    const app = await createApp(runtime, apiFeatures(runtime));
    await app.listen(config.port, '0.0.0.0');
    printBanner(runtime);
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
  console.error(`Vantix Sync did not start: ${known ? (error as Error).message : (error as Error)?.stack ?? String(error)}`);
  process.exit(1);
});
