import type { Client } from 'pg';
import { onDatabase } from './test-database';

/**
 * What the audit store's owner can do and the app's role cannot: run `work`
 * on `audit_events` with its append-only triggers off, in one transaction
 * (the triggers are on again when it commits). Tests use it to play the
 * untrusted owner who edits or removes events behind Vantix Sync's back.
 */
export function asAuditStoreOwner<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  return onDatabase(url, async (client) => {
    await client.query('BEGIN');
    await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    const result = await work(client);
    await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    await client.query('COMMIT');
    return result;
  });
}
