import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { CRM_TABLES, DATA_RULE_NAMES, type DataRule } from '@vantix/contracts';
import { parse as parseYaml } from 'yaml';

/**
 * The data rules of a refresh of Development (REFRESH_RULES): `table.column`
 * → rule. Columns without a rule are copied, except sensitive ones, which get
 * the `unusable` default (applied by the refresh, not listed here).
 */
export interface RefreshRules {
  /** The file they were read from; null when REFRESH_RULES is not set. */
  file: string | null;
  /** `table` → `column` → rule, as the file says. */
  tables: ReadonlyMap<string, ReadonlyMap<string, DataRule>>;
}

export const NO_REFRESH_RULES: RefreshRules = { file: null, tables: new Map() };

/** A rules file that cannot be used; the message names the variable and, where there is one, the rule. */
export class RefreshRulesError extends Error {
  override readonly name = 'RefreshRulesError';
}

const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;
const RULE_LIST = `${DATA_RULE_NAMES.join(', ')} or fixed:<value>`;

/**
 * Reads and validates a rules file once, at start: JSON (`.json`) or YAML
 * (`.yaml`, `.yml`), one object whose keys are `table.column` (a CRM table)
 * and whose values are rules. Any problem throws a RefreshRulesError naming
 * the rule, so the server refuses to start rather than copy a column verbatim.
 */
export function readRefreshRules(file: string | undefined): RefreshRules {
  if (file === undefined || file.trim() === '') {
    return NO_REFRESH_RULES;
  }
  const extension = extname(file).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension)) {
    throw new RefreshRulesError(`REFRESH_RULES must name a .json, .yaml or .yml file (got ${file})`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RefreshRulesError(
      `REFRESH_RULES: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  let content: unknown;
  try {
    content = extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new RefreshRulesError(
      `REFRESH_RULES: ${file} is not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  return { file, tables: validateRules(content, file) };
}

/** The file's object as rules, or a RefreshRulesError naming the first rule that is wrong. */
export function validateRules(content: unknown, file = 'the rules file'): Map<string, Map<string, DataRule>> {
  if (content === null || typeof content !== 'object' || Array.isArray(content)) {
    throw new RefreshRulesError(
      `REFRESH_RULES: ${file} must hold one object mapping "table.column" to a rule (${RULE_LIST})`,
    );
  }
  const tables = new Map<string, Map<string, DataRule>>();
  for (const [key, given] of Object.entries(content)) {
    // YAML reads a bare `null` as null: it means the rule of that name.
    const value: unknown = given === null ? 'null' : given;
    const [table = '', column = '', ...rest] = key.split('.');
    if (rest.length > 0 || !COLUMN_NAME.test(column)) {
      throw new RefreshRulesError(`REFRESH_RULES rule "${key}": the key must be table.column`);
    }
    if (!(CRM_TABLES as readonly string[]).includes(table)) {
      throw new RefreshRulesError(
        `REFRESH_RULES rule "${key}": ${table} is not a CRM table (${CRM_TABLES.join(', ')})`,
      );
    }
    if (typeof value !== 'string' || !isRule(value)) {
      throw new RefreshRulesError(`REFRESH_RULES rule "${key}": ${JSON.stringify(value)} is not a rule (${RULE_LIST})`);
    }
    const columns = tables.get(table) ?? new Map<string, DataRule>();
    columns.set(column, value);
    tables.set(table, columns);
  }
  return tables;
}

function isRule(value: string): value is DataRule {
  return (DATA_RULE_NAMES as readonly string[]).includes(value) || value.startsWith('fixed:');
}
