import { humanSize } from './human-size';

/** The values a summary is built from: non-sensitive columns as text, null when absent. */
export type SummaryRow = Record<string, string | null>;

/**
 * How records of one table are shown to a person. The only table-specific
 * knowledge in the engine: which columns make a record recognisable, and
 * (optionally) one column of a parent reached through the table's own foreign
 * key to `parent.table`, as introspected.
 */
export interface SummaryTemplate {
  columns: string[];
  parent?: { table: string; column: string };
  render(row: SummaryRow, parent: string | null): string;
  /** Records whose copy to Production needs extra care (e.g. admin accounts). */
  isPrivileged?(row: SummaryRow): boolean;
}

const NOTE_BODY_CHARS = 80;

/** The longest summary, in UTF-16 units (what a JavaScript string's length and the console count). */
export const SUMMARY_MAX_CHARS = 200;
/**
 * A summary column is read at most this many characters long: enough to fill
 * any summary, so a megabyte-long value never reaches Node for one line of text.
 */
export const SUMMARY_VALUE_CHARS = 256;

/** Whitespace runs flattened, cut to `max` units with an ellipsis, never inside a surrogate pair. */
function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) {
    return flat;
  }
  let end = max - 1;
  const last = flat.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    end--;
  }
  return `${flat.slice(0, end).trimEnd()}…`;
}

/** Any summary, whatever its template and column sizes, as one line of at most {@link SUMMARY_MAX_CHARS}. */
export function boundSummary(text: string): string {
  return shorten(text, SUMMARY_MAX_CHARS);
}

function customerLabel(parent: string | null): string {
  return parent ?? 'unknown customer';
}

export const SUMMARY_TEMPLATES: Record<string, SummaryTemplate> = {
  customers: {
    columns: ['name', 'company', 'email'],
    render: (row) => {
      const company = row['company'] ? ` — ${row['company']}` : '';
      const email = row['email'] ? ` <${row['email']}>` : '';
      return `${row['name'] ?? '(no name)'}${company}${email}`;
    },
  },
  customer_notes: {
    columns: ['body'],
    parent: { table: 'customers', column: 'name' },
    render: (row, parent) => `${customerLabel(parent)}: ${shorten(row['body'] ?? '', NOTE_BODY_CHARS)}`,
  },
  customer_files: {
    columns: ['file_name', 'mime_type', 'size_bytes'],
    parent: { table: 'customers', column: 'name' },
    render: (row, parent) => {
      const size =
        row['size_bytes'] === null || row['size_bytes'] === undefined ? '?' : humanSize(Number(row['size_bytes']));
      return `${row['file_name'] ?? '(no name)'} (${row['mime_type'] ?? 'unknown type'}, ${size}) — ${customerLabel(parent)}`;
    },
  },
  users: {
    columns: ['email', 'role'],
    render: (row) => `${row['email'] ?? '(no e-mail)'} (${row['role'] ?? 'no role'})`,
    isPrivileged: (row) => row['role'] === 'admin',
  },
};

const GENERIC_COLUMNS = 3;

/**
 * For tables without a template: the first few text columns that are neither
 * key nor sensitive, joined; the id when there are none.
 */
export function genericTemplate(textColumns: string[]): SummaryTemplate {
  const columns = textColumns.slice(0, GENERIC_COLUMNS);
  return {
    columns,
    render: (row) => {
      const parts = columns
        .map((name) => row[name])
        .filter((v): v is string => v !== null && v !== undefined && v !== '');
      return parts.map((part) => shorten(part, NOTE_BODY_CHARS)).join(' — ');
    },
  };
}
