import { AppConfig } from '@vantix/config';
import { openEnvironment } from '@vantix/runtime';
import { Runtime } from './runtime';

/**
 * The API's start: the same openEnvironment as the CLI's (demo or real
 * databases, safety checks, the audit store migrated, the three database
 * wrappers), plus the JWT secret. Used by main.ts and by the API's test
 * harness, so a test app starts exactly as a deployed one does.
 */
export async function openRuntime(config: AppConfig): Promise<Runtime> {
  const environment = await openEnvironment(config, { client: 'api' });
  const jwtSecret = config.jwtSecret ?? environment.demo?.credentials.jwtSecret;
  if (!jwtSecret) {
    await environment.close();
    // loadConfig requires JWT_SECRET outside demo mode and the demo keeps its own: this is a bug, not a setting.
    throw new Error('no JWT secret: neither configured nor provided by the embedded demo');
  }
  return { ...environment, jwtSecret };
}
