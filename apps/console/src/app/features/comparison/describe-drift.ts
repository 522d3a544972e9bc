import { SchemaDrift } from '@vantix/contracts';

/** A short text for a table's schema drift card line. */
export function describeDrift(drift: SchemaDrift): string {
  if (drift.none) {
    return 'none';
  }
  if (drift.missingTable) {
    return `table missing in ${drift.missingTable}`;
  }
  const parts: string[] = [];
  if (drift.onlyInDevelopment.length) {
    parts.push(`only in Dev: ${drift.onlyInDevelopment.join(', ')}`);
  }
  if (drift.onlyInProduction.length) {
    parts.push(`only in Prod: ${drift.onlyInProduction.join(', ')}`);
  }
  for (const mismatch of drift.typeMismatches) {
    parts.push(`${mismatch.column}: ${mismatch.development} vs ${mismatch.production}`);
  }
  return parts.join('; ');
}
