// Benchmark section: the API server as `npm start` runs it (the built
// dist/apps/api/main.js, started with the start script's own Node flags and
// nothing else) comparing the pair through HTTP, while its resident memory is
// sampled from /proc: idle after start, one comparison, 4 concurrent ones,
// then 20 sequential ones. Target: peak RSS < 256 MB and no growth from one
// comparison to the next.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import type { CrmDatabase } from '@vantix/sync-core';
import { createTestDatabase, insertUsers, makeTestUser, startServerProcess, trustEnv } from '@vantix/testing';

export interface ServerLoadOptions {
  dev: CrmDatabase;
  prod: CrmDatabase;
  log?: (line: string) => void;
  /** Sequential comparisons after the concurrent ones (default 20). */
  sequential?: number;
  /** Concurrent comparisons (default 4). */
  concurrent?: number;
}

export interface ServerLoadFigures {
  idleMb: number;
  peakMb: number;
  afterConcurrentMb: number;
  sequentialMb: number[];
  singleMs: number;
  concurrentMs: number;
  statuses: number[];
}

const TABLES = ['customers', 'customer_notes'];

/** A process's current and peak resident set in MB, from /proc (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function urlOf(db: CrmDatabase): string {
  const options = db.pool.options as { connectionString?: string };
  if (!options.connectionString) {
    throw new Error('bench databases are created from a connection string');
  }
  return options.connectionString;
}

export async function runServerLoadBench(options: ServerLoadOptions): Promise<ServerLoadFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const concurrent = options.concurrent ?? 4;
  const sequential = options.sequential ?? 20;
  const audit = await createTestDatabase('bench_audit', 'none');
  const admin = makeTestUser('admin');
  const pools = [
    new Pool({ connectionString: urlOf(options.dev) }),
    new Pool({ connectionString: urlOf(options.prod) }),
  ];
  try {
    await Promise.all(pools.map((pool) => insertUsers(pool, [admin])));
    const server = await startServerProcess({
      env: {
        DATABASE_URL_DEV: urlOf(options.dev),
        DATABASE_URL_PROD: urlOf(options.prod),
        AUDIT_DATABASE_URL: audit.url,
        JWT_SECRET: randomBytes(36).toString('base64url'),
        APP_ENV: 'development',
        ...trustEnv(),
      },
    });
    try {
      const login = await fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: admin.email, password: admin.password }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const compare = async (): Promise<number> => {
        const response = await fetch(`${server.baseUrl}/api/dev/compare-databases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
          body: JSON.stringify({ tables: TABLES }),
        });
        await response.arrayBuffer();
        return response.status;
      };
      // Sample between the phases' ends too: VmHWM is the kernel's exact peak.
      let sampledPeak = 0;
      const sampler = setInterval(() => {
        sampledPeak = Math.max(sampledPeak, memoryOf(server.pid).rss);
      }, 100);
      try {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const idleMb = memoryOf(server.pid).rss;
        log(`  server idle after start: RSS ${idleMb.toFixed(0)} MB`);

        let started = performance.now();
        const first = await compare();
        const singleMs = performance.now() - started;
        log(
          `  one comparison of ${TABLES.join(' + ')}: ${first} in ${(singleMs / 1000).toFixed(1)} s, ` +
            `RSS after ${memoryOf(server.pid).rss.toFixed(0)} MB, peak ${memoryOf(server.pid).peak.toFixed(0)} MB`,
        );

        let statuses: number[] = [];
        let concurrentMs = 0;
        let afterConcurrentMb = memoryOf(server.pid).rss;
        if (concurrent > 0) {
          started = performance.now();
          statuses = await Promise.all(Array.from({ length: concurrent }, compare));
          concurrentMs = performance.now() - started;
          afterConcurrentMb = memoryOf(server.pid).rss;
          log(
            `  ${concurrent} concurrent: ${statuses.join(', ')} in ${(concurrentMs / 1000).toFixed(1)} s, ` +
              `RSS after ${afterConcurrentMb.toFixed(0)} MB, peak ${memoryOf(server.pid).peak.toFixed(0)} MB`,
          );
        }

        const sequentialMb: number[] = [];
        for (let i = 0; i < sequential; i++) {
          const status = await compare();
          if (status !== 201) {
            throw new Error(`comparison ${i + 1} of ${sequential} answered ${status}`);
          }
          sequentialMb.push(memoryOf(server.pid).rss);
        }
        const peakMb = Math.max(memoryOf(server.pid).peak, sampledPeak);
        const third = Math.max(1, Math.floor(sequential / 3));
        const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
        log(
          `  ${sequential} sequential: RSS after each ${sequentialMb.map((mb) => mb.toFixed(0)).join(' ')} MB ` +
            `(mean of the first third ${mean(sequentialMb.slice(0, third)).toFixed(0)} MB, ` +
            `of the last third ${mean(sequentialMb.slice(-third)).toFixed(0)} MB)`,
        );
        log(
          `  server peak RSS ${peakMb.toFixed(0)} MB (target < 256 MB: ${peakMb < 256 ? 'met' : 'MISSED'}), ` +
            `node flags of the start script: ${server.nodeArgs.join(' ')}`,
        );
        return { idleMb, peakMb, afterConcurrentMb, sequentialMb, singleMs, concurrentMs, statuses };
      } finally {
        clearInterval(sampler);
      }
    } finally {
      await server.stop();
    }
  } finally {
    await Promise.all(pools.map((pool) => pool.end()));
    await audit.drop();
  }
}
