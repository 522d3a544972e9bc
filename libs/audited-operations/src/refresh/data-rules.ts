import type { RefreshRules } from '@vantix/config';
import type { ColumnDataRule, DataRule, TableDataRules } from '@vantix/contracts';
import { isSensitiveColumn, type PlannedSync, type RowTransform } from '@vantix/sync-core';
import type { Masks } from './masks';

/**
 * A refresh's data rules as they apply to the columns a plan copies: the
 * rules file's rule for a column, else `unusable` for a sensitive column (the
 * reports' rule: password, secret, token), else `copy`. The same resolution
 * shows the rules (plan, dry run, confirmation, audit) and rewrites the rows,
 * so what is shown is what is written.
 */
export class DataRules {
  constructor(
    private readonly rules: RefreshRules,
    private readonly masks: Masks,
  ) {}

  /** The rules of one table's columns that are not plain `copy`, in column order. */
  forTable(table: string, columns: readonly string[]): ColumnDataRule[] {
    const configured = this.rules.tables.get(table);
    const found: ColumnDataRule[] = [];
    for (const column of columns) {
      const rule = configured?.get(column);
      if (rule !== undefined) {
        if (rule !== 'copy' || isSensitiveColumn(column)) {
          // A sensitive column copied on purpose is shown too: it is the exception worth seeing.
          found.push({ column, rule, source: 'file' });
        }
      } else if (isSensitiveColumn(column)) {
        found.push({ column, rule: 'unusable', source: 'default' });
      }
    }
    return found;
  }

  /** The rules of every table of a plan (tables whose columns are all copied as they are included, empty). */
  describe(plan: PlannedSync): TableDataRules[] {
    return plan.tables.map((t) => ({
      table: t.table.name,
      columns: this.forTable(
        t.table.name,
        t.table.copied.map((c) => c.name),
      ),
    }));
  }

  /** The engine's row rewriter: null for a table whose columns are all copied. */
  readonly transform: RowTransform = (table, columns) => {
    const rules = this.forTable(table, columns);
    if (rules.length === 0) {
      return null;
    }
    const byIndex = new Map(rules.map((r) => [columns.indexOf(r.column), r.rule]));
    return (values) => values.map((value, i) => this.apply(byIndex.get(i) ?? 'copy', value));
  };

  private apply(rule: DataRule, value: string | null): string | null {
    if (rule.startsWith('fixed:')) {
      return rule.slice('fixed:'.length);
    }
    if (rule === 'null' || value === null) {
      return null;
    }
    switch (rule) {
      case 'mask-email':
        return this.masks.email(value);
      case 'mask-phone':
        return this.masks.phone(value);
      case 'mask-text':
        return this.masks.text(value);
      case 'unusable':
        return this.masks.unusable(value);
      default:
        return value;
    }
  }
}
