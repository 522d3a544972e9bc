import type { Queryable } from './queryable';

/**
 * The text forms every Vantix Sync session pins, reading or writing, whatever
 * the server's defaults: ids and created_at must be spelled alike on both
 * sides of a comparison, and a value read as text from Development must cast
 * back to the very same value in Production. UTC, ISO dates, the classic
 * interval style, hex bytea, shortest-exact floats.
 */
export const TEXT_FORM_SETTINGS: Readonly<Record<string, string>> = {
  TimeZone: 'UTC',
  DateStyle: 'ISO, YMD',
  IntervalStyle: 'postgres',
  extra_float_digits: '1',
  bytea_output: 'hex',
};

/**
 * Sets the text-form settings (plus `extra`) until the end of the current
 * transaction, in one round trip. `set_config(…, true)` is SET LOCAL: nothing
 * outlives the transaction, so a pooled connection goes back unchanged.
 */
export async function pinSessionSettings(client: Queryable, extra: Record<string, string> = {}): Promise<void> {
  const settings = Object.entries({ ...TEXT_FORM_SETTINGS, ...extra });
  await client.query('SELECT set_config(s.name, s.value, true) FROM unnest($1::text[], $2::text[]) AS s(name, value)', [
    settings.map(([name]) => name),
    settings.map(([, value]) => value),
  ]);
}
