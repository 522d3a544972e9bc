import { ident } from '../db/sql';
import type { ColumnInfo } from '../introspect/table-schema';
import type { ColumnWriteFacts } from '../introspect/write-facts';

/**
 * One check of whether Production's column can hold a Development value
 * exactly: a SQL expression run in Development over `t` that is NULL when the
 * value fits, else the value's size or kind (`37 characters`). `param` is the
 * one bound parameter it needs (an enum's labels), if any.
 */
export interface FitCheck {
  column: string;
  productionType: string;
  sql: (param: string) => string;
  param?: string[];
}

const INTEGER_RANGES: Record<string, [string, string]> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/**
 * The fit check for one copied column, or null when every Development value
 * fits by construction (same type, or a kind Production's column has no limit
 * for). What assignment would refuse anyway is checked here too, so the plan
 * names every such record instead of the insert rolling back on the first;
 * what assignment would silently change (a numeric's scale) is checked here
 * and again after the insert (apply/insert-batch).
 */
export function fitCheck(
  dev: ColumnInfo,
  devFacts: ColumnWriteFacts | undefined,
  prod: ColumnInfo,
  prodFacts: ColumnWriteFacts | undefined,
): FitCheck | null {
  const type = prod.dataType;
  const text = `t.${ident(dev.name)}::text`;
  const numericDev = devFacts?.category === 'N' && !devFacts.isArray;
  const base = { column: prod.name, productionType: type };
  const labels = prodFacts?.enumLabels;
  if (labels && !prodFacts.isArray) {
    const devLabels = devFacts?.enumLabels;
    if (devLabels && devLabels.every((l) => labels.includes(l))) {
      return null;
    }
    return {
      ...base,
      param: labels,
      sql: (p) => `CASE WHEN ${text} <> ALL(${p}::text[]) THEN 'enum label "' || left(${text}, 63) || '"' END`,
    };
  }
  if (type === dev.dataType) {
    return null;
  }
  let m = /^character varying\((\d+)\)$/.exec(type);
  if (m) {
    const n = Number(m[1]);
    return {
      ...base,
      sql: () => `CASE WHEN char_length(${text}) > ${n} THEN char_length(${text}) || ' characters' END`,
    };
  }
  m = /^character\((\d+)\)$/.exec(type);
  if (m) {
    // character(n) drops trailing spaces that do not fit; other characters do not fit.
    const n = Number(m[1]);
    const trimmed = `char_length(rtrim(${text}, ' '))`;
    return { ...base, sql: () => `CASE WHEN ${trimmed} > ${n} THEN ${trimmed} || ' characters' END` };
  }
  m = /^bit( varying)?\((\d+)\)$/.exec(type);
  if (m && devFacts?.category === 'V') {
    const n = Number(m[2]);
    const misfit = m[1] ? `length(${text}) > ${n}` : `length(${text}) <> ${n}`;
    return { ...base, sql: () => `CASE WHEN ${misfit} THEN length(${text}) || ' bits' END` };
  }
  m = /^numeric\((\d+)(?:,(\d+))?\)$/.exec(type);
  if (m && numericDev) {
    const precision = Number(m[1]);
    const scale = Number(m[2] ?? 0);
    const x = `${text}::numeric`;
    return {
      ...base,
      sql: () =>
        `CASE WHEN ${x} IN ('Infinity', '-Infinity') THEN 'an infinite number' ` +
        `WHEN ${x} = 'NaN' THEN NULL ` +
        `WHEN ${x} <> round(${x}, ${scale}) THEN 'a number with ' || scale(${x}) || ' digits after the decimal point' ` +
        `WHEN abs(${x}) >= 1e${precision - scale} THEN 'a number with ' || length(trunc(abs(${x}))::text) || ' digits before the decimal point' END`,
    };
  }
  const range = INTEGER_RANGES[type];
  if (range && numericDev) {
    const x = `${text}::numeric`;
    return {
      ...base,
      sql: () =>
        `CASE WHEN ${x} = 'NaN' OR ${x} IN ('Infinity', '-Infinity') THEN 'a number that is not finite' ` +
        `WHEN ${x} <> trunc(${x}) THEN 'a number with a fraction' ` +
        `WHEN ${x} NOT BETWEEN ${range[0]} AND ${range[1]} THEN 'a number of ' || length(trunc(abs(${x}))::text) || ' digits, out of range' END`,
    };
  }
  return null;
}
