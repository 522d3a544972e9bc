import { decodeRecordId, encodeRecordId, isValidKeyValue } from '../db/record-id';
import { InvalidSelectionReason, type InvalidSelectionEntry } from './errors';
import { keysMissingInProduction, lookupRows } from './key-queries';
import { followed, prefetch, type Origin, type PlanContext, type Planned, type Prefetched } from './plan-state';
import type { RequestedTable } from './selection';

/**
 * Turns checked selections into canonical keys of records that are in Dev and
 * not in Prod, adding them to `planned`; every table or id that cannot be
 * synced is added to `invalid` (the caller throws once, listing all of them).
 */
export async function resolveSelection(
  ctx: PlanContext,
  requested: Map<string, RequestedTable>,
  planned: Planned,
  prefetched: Prefetched,
  invalid: InvalidSelectionEntry[],
): Promise<void> {
  for (const [table, request] of requested) {
    const st = ctx.catalog.tables.get(table);
    if (!st) {
      invalid.push(ctx.catalog.unusable.get(table) ?? { table, id: null, reason: InvalidSelectionReason.unknownTable });
      continue;
    }
    const rows = new Map<string, { key: string[]; origin: Origin }>();
    planned.set(table, rows);
    if (request.all) {
      for (const key of await keysMissingInProduction(ctx.dev, ctx.prod, ctx.schema, table, st.devKey, st.prodKey)) {
        rows.set(encodeRecordId(key), { key, origin: 'selected' });
      }
    }
    const candidates: { id: string; key: string[] }[] = [];
    for (const id of request.ids) {
      const key = decodeRecordId(id, st.devKey.length);
      if (!key || !key.every((v, i) => isValidKeyValue(st.devKey[i], v))) {
        invalid.push({ table, id, reason: InvalidSelectionReason.invalidId });
      } else {
        candidates.push({ id, key });
      }
    }
    // Both sides at once, matched by position: each database casts the id to
    // its key type, so spelling (e.g. an upper-case uuid) does not matter, and
    // Dev returns the canonical text the plan keeps.
    const keys = candidates.map((c) => c.key);
    const keyNames = st.devKey.map((c) => c.name);
    const [inDev, inProd] = await Promise.all([
      lookupRows(ctx.dev, ctx.schema, table, st.devKey, keys, [...keyNames, ...followed(st).columns]),
      lookupRows(ctx.prod, ctx.schema, table, st.prodKey, keys, []),
    ]);
    candidates.forEach((c, i) => {
      const values = inDev.get(i);
      if (!values) {
        invalid.push({ table, id: c.id, reason: InvalidSelectionReason.notInDevelopment });
      } else if (inProd.has(i)) {
        invalid.push({ table, id: c.id, reason: InvalidSelectionReason.alreadyInProduction });
      } else {
        const canonical = values.slice(0, keyNames.length) as string[];
        const id = encodeRecordId(canonical);
        rows.set(id, { key: canonical, origin: 'selected' });
        prefetch(prefetched, table, id, values.slice(keyNames.length));
      }
    });
  }
}
