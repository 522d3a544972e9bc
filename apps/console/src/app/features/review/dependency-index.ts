import { ComparisonDependencies, RecordRef } from '@vantix/contracts';
import { recordKey } from './record-names';

/** What the console needs to know per record missing in Production to select it sensibly. */
export class DependencyIndex {
  private readonly parentsOf = new Map<string, (RecordRef & { inDevelopment: boolean })[]>();
  private readonly childrenOf = new Map<string, RecordRef[]>();
  private readonly privilegedKeys = new Set<string>();

  constructor(readonly source: ComparisonDependencies | null) {
    for (const record of source?.needsParents ?? []) {
      this.parentsOf.set(recordKey(record.table, record.id), record.parents);
      for (const parent of record.parents) {
        const key = recordKey(parent.table, parent.id);
        this.childrenOf.set(key, [...(this.childrenOf.get(key) ?? []), { table: record.table, id: record.id }]);
      }
    }
    for (const record of source?.privileged ?? []) {
      this.privilegedKeys.add(recordKey(record.table, record.id));
    }
  }

  /** Known once the API answered with every record; until then (or for a huge comparison) no record is flagged either way. */
  get loaded(): boolean {
    return this.source !== null && this.source.complete;
  }

  /** The parents missing in Production that this record points to. */
  missingParents(table: string, id: string): (RecordRef & { inDevelopment: boolean })[] {
    return this.parentsOf.get(recordKey(table, id)) ?? [];
  }

  needsParents(table: string, id: string): boolean {
    return this.parentsOf.has(recordKey(table, id));
  }

  /** Records missing in Production that point to this one (e.g. a customer's notes and files). */
  children(table: string, id: string): RecordRef[] {
    return this.childrenOf.get(recordKey(table, id)) ?? [];
  }

  /** "2 notes, 1 file": the children per table in words. */
  childCounts(table: string, id: string): { table: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const child of this.children(table, id)) {
      counts.set(child.table, (counts.get(child.table) ?? 0) + 1);
    }
    return [...counts].map(([childTable, count]) => ({ table: childTable, count }));
  }

  privileged(table: string, id: string): boolean {
    return this.privilegedKeys.has(recordKey(table, id));
  }

  /** Records of a table that need parents, by id. */
  needingParents(table: string): string[] {
    return (this.source?.needsParents ?? []).filter((r) => r.table === table).map((r) => r.id);
  }

  privilegedOf(table: string): string[] {
    return (this.source?.privileged ?? []).filter((r) => r.table === table).map((r) => r.id);
  }
}

const NOUNS: Record<string, [string, string]> = {
  users: ['user', 'users'],
  customers: ['customer', 'customers'],
  customer_notes: ['note', 'notes'],
  customer_files: ['file', 'files'],
};

/** "1 note", "3 files", "2 customer_tags" for tables without a word. */
export function countOf(table: string, count: number): string {
  const [one, many] = NOUNS[table] ?? [table, table];
  return `${count} ${count === 1 ? one : many}`;
}
