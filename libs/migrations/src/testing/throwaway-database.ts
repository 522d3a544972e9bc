import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

// @vantix/testing builds on this runner, so the runner's own specs make their
// databases with this smaller helper instead.
const SERVER = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let counter = 0;

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: SERVER });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

function urlAs(database: string, user?: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user;
    url.password = '';
  }
  return url.toString();
}

export interface ThrowawayDatabase {
  url: string;
  /** The same database as a login role that may connect but not create anything (PostgreSQL 15's default for a non-owner). */
  restrictedUrl(): Promise<string>;
  drop(): Promise<void>;
}

export async function throwawayDatabase(label: string): Promise<ThrowawayDatabase> {
  const name = `vx_${label}_${process.pid}_${Date.now()}_${counter++}`;
  const roles: string[] = [];
  await onServer(`CREATE DATABASE "${name}"`);
  return {
    url: urlAs(name),
    restrictedUrl: async () => {
      const role = `vx_restricted_${randomBytes(5).toString('hex')}`;
      await onServer(`CREATE ROLE "${role}" LOGIN`);
      roles.push(role);
      // PostgreSQL 15 grants no CREATE on schema public to other roles; make it explicit for older servers.
      const owner = new Client({ connectionString: urlAs(name) });
      await owner.connect();
      try {
        await owner.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
        await owner.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO "${role}"`);
      } finally {
        await owner.end();
      }
      return urlAs(name, role);
    },
    drop: async () => {
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      for (const role of roles) {
        await onServer(`DROP ROLE IF EXISTS "${role}"`);
      }
    },
  };
}
