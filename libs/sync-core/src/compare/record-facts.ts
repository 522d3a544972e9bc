import type { ForeignKeyInfo, TableSchema } from '../introspect/table-schema';
import {
  boundSummary,
  genericTemplate,
  SUMMARY_TEMPLATES,
  SUMMARY_VALUE_CHARS,
  SummaryRow,
  SummaryTemplate,
} from '../summaries/summary-templates';
import { idSql } from './hash-sql';
import type { ReadSession } from '../db/read-session';
import { keyObjectsJson } from '../db/record-id';
import { isSensitiveColumn } from '../introspect/sensitive-columns';
import { ident, joinOn, qualified } from '../db/sql';
import { fingerprintSql, toPin } from '../db/fingerprint';
import type { RecordPin } from '@vantix/contracts';

/** What the report shows of one record, plus what recommendations need. */
export interface RecordFacts {
  summary: string;
  createdAt: string | null;
  privileged: boolean;
  /** Per foreign key: the referenced columns' texts, or null when the reference is NULL. */
  references: { fk: ForeignKeyInfo; values: string[] | null }[];
  /** Read with `pinned`: the record's fingerprint (db/fingerprint). */
  pin?: RecordPin;
}

const TEXT_TYPE = /^(text|character varying|character)(\(|$)/;

/** ISO 8601 in UTC from PostgreSQL's JSON text of a timestamp/date (session TimeZone is UTC). */
export function toIsoTimestamp(text: string | null): string | null {
  if (text === null) {
    return null;
  }
  const withZone = /[zZ]|[+-]\d\d(:?\d\d)?$/.test(text.slice(10)) || text.length <= 10 ? text : `${text}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/**
 * Reads summaries, created_at and foreign-key values of given records of one
 * table on one side, by primary key. Sensitive columns are never selected.
 */
export class RecordFactsReader {
  private readonly template: SummaryTemplate;
  private readonly sql: string;
  private readonly summaryColumns: string[];
  private readonly parentJoined: boolean;
  private readonly pinColumns: string[] | null;

  constructor(
    schema: string,
    private readonly table: TableSchema,
    /** This side's schema of the tables the foreign keys reference. */
    referenced: Map<string, TableSchema | null>,
    /** Also read each record's fingerprint (records missing in Production, which a sync may copy). */
    pinned = false,
  ) {
    const columns = new Set(table.columns.map((c) => c.name));
    this.template =
      SUMMARY_TEMPLATES[table.name] ??
      genericTemplate(
        table.columns
          .filter((c) => TEXT_TYPE.test(c.dataType) && !table.primaryKey.includes(c.name) && !isSensitiveColumn(c.name))
          .map((c) => c.name),
      );
    this.summaryColumns = this.template.columns.filter((name) => !isSensitiveColumn(name));
    const select = [
      idSql(
        't',
        table.primaryKey.map((name) => ({ name })),
      ),
    ];
    for (const name of this.summaryColumns) {
      select.push(columns.has(name) ? `left(t.${ident(name)}::text, ${SUMMARY_VALUE_CHARS})` : 'NULL');
    }
    select.push(columns.has('created_at') ? `to_json(t."created_at") #>> '{}'` : 'NULL');
    for (const fk of table.foreignKeys) {
      for (const name of fk.columns) {
        select.push(`t.${ident(name)}::text`);
      }
    }

    let join = '';
    const parent = this.template.parent;
    const parentFk = parent && table.foreignKeys.find((fk) => fk.referencedTable === parent.table);
    const parentTable = parent && referenced.get(parent.table);
    this.parentJoined = Boolean(
      parent &&
        parentFk &&
        parentTable &&
        !isSensitiveColumn(parent.column) &&
        parentTable.columns.some((c) => c.name === parent.column),
    );
    if (parent && parentFk && this.parentJoined) {
      select.push(`left(p.${ident(parent.column)}::text, ${SUMMARY_VALUE_CHARS})`);
      join =
        ` LEFT JOIN ${qualified(schema, parent.table)} AS p ON ` +
        joinOn('p', 't', parentFk.referencedColumns, parentFk.columns);
    }
    this.pinColumns = null;
    if (pinned) {
      const fingerprint = fingerprintSql(
        't',
        table.columns.map((c) => c.name),
      );
      this.pinColumns = fingerprint.columns;
      select.push(fingerprint.select);
    }
    this.sql =
      `SELECT ${select.join(', ')} FROM json_populate_recordset(NULL::${qualified(schema, table.name)}, $1::json) AS k ` +
      `JOIN ${qualified(schema, table.name)} AS t ON ${joinOn('t', 'k', table.primaryKey, table.primaryKey)}${join}`;
  }

  async read(session: ReadSession, ids: string[]): Promise<Map<string, RecordFacts>> {
    const facts = new Map<string, RecordFacts>();
    if (ids.length === 0) {
      return facts;
    }
    const rows = await session.queryArrays(this.sql, [keyObjectsJson(this.table.primaryKey, ids)]);
    for (const raw of rows) {
      const values = raw as (string | null)[];
      facts.set(values[0] as string, this.toFacts(values));
    }
    return facts;
  }

  private toFacts(values: (string | null)[]): RecordFacts {
    const id = values[0] as string;
    let at = 1;
    const row: SummaryRow = {};
    for (const name of this.summaryColumns) {
      row[name] = values[at++];
    }
    const createdAt = toIsoTimestamp(values[at++]);
    const references = this.table.foreignKeys.map((fk) => {
      const refValues = fk.columns.map(() => values[at++]);
      return { fk, values: refValues.some((v) => v === null) ? null : (refValues as string[]) };
    });
    const parent = this.parentJoined ? values[at++] : null;
    const facts: RecordFacts = {
      summary: boundSummary(this.template.render(row, parent) || id),
      createdAt,
      privileged: this.template.isPrivileged?.(row) ?? false,
      references,
    };
    if (this.pinColumns) {
      facts.pin = toPin(this.pinColumns, values[at], values[at + 1]);
    }
    return facts;
  }
}
