import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyMigrations, auditMigrationsDir, crmMigrationsDir } from '@vantix/migrations';
import { createDemoCredentials, DemoCredentials, readDemoCredentials } from './demo-credentials';
import { seedDemo, seedDemoApprover } from './demo-seed';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

/** The running demo: three embedded databases (Dev, Prod, audit store) and the demo's logins. */
export interface DemoEnvironment {
  dataDir: string;
  urls: { development: string; production: string; audit: string };
  credentials: DemoCredentials;
  /** True when this start created and seeded the data (first run or after demo:reset). */
  freshlySeeded: boolean;
  stop(): Promise<void>;
}

const SEEDED_MARKER = 'seeded.json';

/**
 * Starts the embedded demo. The first start (or one after `npm run demo:reset`)
 * migrates and seeds; later starts reopen the same data, so what an admin
 * synced in the demo is still there after a restart.
 */
export async function startDemoEnvironment(dataDirInput: string): Promise<DemoEnvironment> {
  const dataDir = resolve(dataDirInput);
  const seeded = existsSync(join(dataDir, SEEDED_MARKER)) && readDemoCredentials(dataDir) !== null;
  if (!seeded) {
    rmSync(dataDir, { recursive: true, force: true });
  }
  // The folder holds the demo's admin password and JWT secret: its owner's only, also when it existed before.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);

  const started: EmbeddedPostgres[] = [];
  try {
    // One after the other: each PGlite start is CPU-bound wasm on the same thread.
    for (const name of ['dev', 'prod', 'audit']) {
      started.push(await startEmbeddedPostgres(join(dataDir, name)));
    }
  } catch (error) {
    await Promise.all(started.map((db) => db.stop()));
    throw error;
  }
  const [dev, prod, audit] = started;
  const stop = async () => {
    await Promise.all(started.map((db) => db.stop().catch(() => undefined)));
  };

  try {
    let credentials = readDemoCredentials(dataDir);
    // The audit store is Vantix Sync's own: migrated at every start.
    await applyMigrations(audit.url, auditMigrationsDir());
    if (!seeded || !credentials) {
      credentials = createDemoCredentials(dataDir);
      await applyMigrations(dev.url, crmMigrationsDir());
      await applyMigrations(prod.url, crmMigrationsDir());
      await seedDemo(dev.url, prod.url, credentials);
      writeFileSync(join(dataDir, SEEDED_MARKER), JSON.stringify({ seededAt: new Date().toISOString() }) + '\n');
    }
    await seedDemoApprover(dev.url, prod.url, credentials);
    return {
      dataDir,
      urls: { development: dev.url, production: prod.url, audit: audit.url },
      credentials,
      freshlySeeded: !seeded,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `npm run demo:reset`: forget the demo data; the next start seeds it afresh. */
export function resetDemoData(dataDirInput: string): void {
  rmSync(resolve(dataDirInput), { recursive: true, force: true });
}
