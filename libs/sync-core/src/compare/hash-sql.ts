import { col } from '../db/sql';
import type { SharedColumn } from '../introspect/table-pairing';

/* Row and column hashes live with the equality rule they implement (equality.ts). */

/**
 * The record id as the contract spells it: a single-column key's text, or a
 * composite key as a JSON array of the columns' texts (`["a","1"]`).
 */
export function idSql(alias: string, key: { name: string }[]): string {
  if (key.length === 1) {
    return `${col(alias, key[0].name)}::text`;
  }
  return `array_to_json(ARRAY[${key.map((c) => `${col(alias, c.name)}::text`).join(', ')}])::text`;
}

/**
 * A 64-bit hash of the key that both sides compute identically. uuid and integer
 * keys use their type's hash (about 2x cheaper than formatting them as text);
 * anything else hashes the id text.
 */
export function keyHashSql(alias: string, key: SharedColumn[]): string {
  if (key.length === 1 && key[0].devType === key[0].prodType) {
    const only = key[0];
    if (only.devType === 'uuid') {
      return `uuid_hash_extended(${col(alias, only.name)}, 0)`;
    }
    if (/^(smallint|integer|bigint)$/.test(only.devType)) {
      return `hashint8extended(${col(alias, only.name)}::bigint, 0)`;
    }
  }
  return `hashtextextended(${idSql(alias, key)}, 0)`;
}
