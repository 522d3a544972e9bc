import { computed, signal } from '@angular/core';
import { Selection } from '@vantix/contracts';

/** The records missing in Production per table, as the report counts them. */
export interface SelectableTable {
  table: string;
  /** Full count of records missing in Production, also those not loaded. */
  missing: number;
}

/**
 * What the admin ticked in the selective sync panel. A plain class with signals
 * (no DI, no HTTP) so the rules are testable on their own:
 *
 * - per table, either explicit ids or "all": "all" means every record missing in
 *   Production, also on pages never loaded, and goes out as `{ table, all: true }`
 *   so the server resolves it — the console never has to load 5,000 ids to send them;
 * - while a table is in "all" mode single records cannot be unticked: the API has
 *   no "all except" selection, and silently turning "all" into "the loaded ones"
 *   would drop records the admin meant to send.
 */
export class SyncSelection {
  private readonly tables = signal<readonly SelectableTable[]>([]);
  private readonly picked = signal<ReadonlyMap<string, ReadonlySet<string>>>(new Map());
  private readonly allOf = signal<ReadonlySet<string>>(new Set());

  /** Selected record count per table ("all" counts every missing record). */
  readonly counts = computed(() => {
    const counts = new Map<string, number>();
    for (const { table, missing } of this.tables()) {
      counts.set(table, this.allOf().has(table) ? missing : (this.picked().get(table)?.size ?? 0));
    }
    return counts;
  });

  readonly total = computed(() => [...this.counts().values()].reduce((sum, count) => sum + count, 0));
  readonly isEmpty = computed(() => this.total() === 0);

  /** Starts over for a (new) report: nothing selected. */
  reset(tables: readonly SelectableTable[]): void {
    this.tables.set(tables.map((t) => ({ ...t })));
    this.clear();
  }

  isAll(table: string): boolean {
    return this.allOf().has(table);
  }

  isSelected(table: string, id: string): boolean {
    return this.allOf().has(table) || (this.picked().get(table)?.has(id) ?? false);
  }

  selectedCount(table: string): number {
    return this.counts().get(table) ?? 0;
  }

  /** Some but not all: what the table's "Select all" checkbox shows as indeterminate. */
  isPartial(table: string): boolean {
    return !this.isAll(table) && (this.picked().get(table)?.size ?? 0) > 0;
  }

  select(table: string, id: string): void {
    this.assertKnown(table);
    if (this.isAll(table)) {
      return;
    }
    this.updateIds(table, (ids) => ids.add(id));
  }

  /** Adds records to the selection (tables in "all" mode already hold them); unknown tables are skipped. */
  selectMany(records: readonly { table: string; id: string }[]): void {
    const byTable = new Map<string, string[]>();
    for (const { table, id } of records) {
      if (this.tables().some((t) => t.table === table) && !this.isAll(table)) {
        byTable.set(table, [...(byTable.get(table) ?? []), id]);
      }
    }
    for (const [table, ids] of byTable) {
      this.updateIds(table, (set) => ids.forEach((id) => set.add(id)));
    }
  }

  /** Exactly these records and nothing else: what a recommendation's "Select these" does. */
  replaceWith(records: readonly { table: string; id: string }[] | { table: string; all: true }): void {
    this.clear();
    if ('all' in records) {
      this.selectAll(records.table);
    } else {
      this.selectMany(records);
    }
  }

  deselect(table: string, id: string): void {
    if (this.isAll(table)) {
      return;
    }
    this.updateIds(table, (ids) => ids.delete(id));
  }

  toggle(table: string, id: string): void {
    if (this.isSelected(table, id)) {
      this.deselect(table, id);
    } else {
      this.select(table, id);
    }
  }

  /** Every record missing in Production for the table, loaded or not. */
  selectAll(table: string): void {
    const known = this.assertKnown(table);
    if (known.missing === 0) {
      return;
    }
    this.allOf.update((all) => new Set(all).add(table));
    this.picked.update((picked) => {
      const next = new Map(picked);
      next.delete(table);
      return next;
    });
  }

  clearTable(table: string): void {
    this.allOf.update((all) => {
      const next = new Set(all);
      next.delete(table);
      return next;
    });
    this.picked.update((picked) => {
      const next = new Map(picked);
      next.delete(table);
      return next;
    });
  }

  /** The table's "Select all" checkbox: all → none, none or some → all. */
  toggleAll(table: string): void {
    if (this.isAll(table)) {
      this.clearTable(table);
    } else {
      this.selectAll(table);
    }
  }

  /** After a sync (or on a new report): nothing selected anywhere. */
  clear(): void {
    this.picked.set(new Map());
    this.allOf.set(new Set());
  }

  /** The `selections` of the sync request, tables in report order, empty tables left out. */
  toSelections(): Selection[] {
    const selections: Selection[] = [];
    for (const { table } of this.tables()) {
      if (this.allOf().has(table)) {
        selections.push({ table, all: true });
        continue;
      }
      const ids = this.picked().get(table);
      if (ids && ids.size > 0) {
        selections.push({ table, ids: [...ids] });
      }
    }
    return selections;
  }

  private assertKnown(table: string): SelectableTable {
    const known = this.tables().find((t) => t.table === table);
    if (!known) {
      throw new Error(`Table "${table}" is not part of this comparison`);
    }
    return known;
  }

  private updateIds(table: string, change: (ids: Set<string>) => void): void {
    this.picked.update((picked) => {
      const ids = new Set(picked.get(table) ?? []);
      change(ids);
      const next = new Map(picked);
      if (ids.size > 0) {
        next.set(table, ids);
      } else {
        next.delete(table);
      }
      return next;
    });
  }
}
