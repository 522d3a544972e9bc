import { encodeRecordId } from '../db/record-id';
import { InvalidSelectionReason, type InvalidSelectionEntry } from './errors';
import { lookupRows } from './key-queries';
import type { PlanContext, Planned } from './plan-state';

/** The CRM's table of accounts: its rows carry a role and a password hash. */
export const ACCOUNTS_TABLE = 'users';
/** Roles whose accounts are never copied by accident (a Production admin can do anything in the CRM). */
export const PRIVILEGED_ROLES: readonly string[] = ['admin'];

/**
 * The planned `users` rows (selected or added as parents) whose role in
 * Development is privileged, as encoded ids. Copying one plants an account —
 * password hash included — that can log in to Production as an admin.
 */
export async function privilegedAccountIds(ctx: PlanContext, planned: Planned): Promise<string[]> {
  const table = ctx.catalog.tables.get(ACCOUNTS_TABLE);
  const rows = planned.get(ACCOUNTS_TABLE);
  if (
    table === undefined ||
    rows === undefined ||
    rows.size === 0 ||
    !table.dev.columns.some((c) => c.name === 'role')
  ) {
    return [];
  }
  const keys = [...rows.values()].map((row) => row.key);
  const roles = await lookupRows(ctx.dev, ctx.schema, ACCOUNTS_TABLE, table.devKey, keys, ['role']);
  return keys
    .filter((_, index) => PRIVILEGED_ROLES.includes(roles.get(index)?.[0] ?? ''))
    .map((key) => encodeRecordId(key));
}

/** The refusal's entries: one per privileged account, named by id. */
export function privilegedAccountEntries(ids: readonly string[]): InvalidSelectionEntry[] {
  return ids.map((id) => ({ table: ACCOUNTS_TABLE, id, reason: InvalidSelectionReason.privilegedAccount }));
}
