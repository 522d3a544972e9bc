import { AppConfig } from '@vantix/config';
import { startDemoEnvironment } from '@vantix/demo';
import { Runtime } from './runtime';

export interface ResolvedRuntime {
  runtime: Runtime;
  /** Stops what the runtime started (the embedded demo databases). */
  stop(): Promise<void>;
}

/** Demo mode when nothing is configured: the embedded databases come up first. */
export async function resolveRuntime(config: AppConfig): Promise<ResolvedRuntime> {
  if (!config.demo) {
    if (!config.databases || !config.jwtSecret) {
      throw new Error('configuration without databases outside demo mode');
    }
    return {
      runtime: {
        config,
        databases: config.databases,
        jwtSecret: config.jwtSecret,
        demo: null,
      },
      stop: async () => undefined,
    };
  }
  const demo = await startDemoEnvironment(config.demoDataDir);
  return {
    runtime: {
      config,
      databases: demo.urls,
      jwtSecret: config.jwtSecret ?? demo.credentials.jwtSecret,
      demo: { dataDir: demo.dataDir, credentials: demo.credentials },
    },
    stop: demo.stop,
  };
}
