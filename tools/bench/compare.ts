// Benchmark section: the comparison of each table against the floor — a full
// scan and hash of both sides inside the databases, in parallel:
// `SELECT count(*), bit_xor(hashtextextended(t::text, 0)) FROM <table> t`.
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { ComparisonEngine, CrmDatabase } from '@vantix/sync-core';

export interface CompareBenchOptions {
  dev: CrmDatabase;
  prod: CrmDatabase;
  /** Timed rounds per measurement (the median is reported); default 3. */
  rounds?: number;
  log?: (line: string) => void;
}

export interface TableFigures {
  table: string;
  rows: number;
  floorMs: number;
  compareMs: number;
  /** Rows of both sides per second. */
  rowsPerSecond: number;
  /** The median of the rounds' compare ÷ floor (each round times both back to back). */
  ratio: number;
  /** Every round's compare ÷ floor. */
  ratios: number[];
  differences: { missingInProduction: number; missingInDevelopment: number; differing: number };
}

const TABLES = ['customers', 'customer_notes'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function floorOnce(urls: string[], table: string): Promise<number> {
  const clients = urls.map((connectionString) => new Client({ connectionString }));
  await Promise.all(clients.map((c) => c.connect()));
  try {
    const started = performance.now();
    // The table name is one of the fixed TABLES above, quoted.
    await Promise.all(
      clients.map((c) => c.query(`SELECT count(*), bit_xor(hashtextextended(t::text, 0)) FROM "${table}" t`)),
    );
    return performance.now() - started;
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

function urlOf(db: CrmDatabase): string {
  const options = db.pool.options as { connectionString?: string };
  if (!options.connectionString) {
    throw new Error('bench databases are created from a connection string');
  }
  return options.connectionString;
}

export async function runCompareBench(options: CompareBenchOptions): Promise<TableFigures[]> {
  const { dev, prod } = options;
  const rounds = options.rounds ?? 3;
  const log = options.log ?? ((line: string) => console.log(line));
  const engine = new ComparisonEngine(dev, prod, { tables: TABLES });
  const urls = [urlOf(dev), urlOf(prod)];
  const figures: TableFigures[] = [];
  for (const table of TABLES) {
    const floors: number[] = [];
    const compares: number[] = [];
    let last: Awaited<ReturnType<ComparisonEngine['compare']>> | null = null;
    let sunk = 0;
    // Alternate floor and comparison so both see the same machine load and cache.
    for (let round = 0; round < rounds; round++) {
      floors.push(await floorOnce(urls, table));
      const started = performance.now();
      last = await engine.compare({ tables: [table], recordCap: 100, sink: { add: async () => void sunk++ } });
      compares.push(performance.now() - started);
    }
    const result = (last as NonNullable<typeof last>).tables[0];
    const floorMs = median(floors);
    const compareMs = median(compares);
    const rows = result.devCount + result.prodCount;
    const ratios = compares.map((c, i) => c / floors[i]);
    const row: TableFigures = {
      table,
      rows,
      floorMs,
      compareMs,
      rowsPerSecond: rows / (compareMs / 1000),
      ratio: median(ratios),
      ratios,
      differences: {
        missingInProduction: result.missingInProduction.count,
        missingInDevelopment: result.missingInDevelopment.count,
        differing: result.differing.count,
      },
    };
    figures.push(row);
    log(
      `compare ${table.padEnd(15)} ${rows.toLocaleString('en').padStart(11)} rows  ` +
        `floor ${floorMs.toFixed(0).padStart(6)} ms  compare ${compareMs.toFixed(0).padStart(6)} ms  ` +
        `${Math.round(row.rowsPerSecond).toLocaleString('en').padStart(11)} rows/s  ratio ${row.ratio.toFixed(2)} ` +
        `(rounds ${ratios.map((r) => r.toFixed(2)).join(' ')}; target ≤ 1.3: ${row.ratio <= 1.3 ? 'met' : 'MISSED'})  ` +
        `(only Dev ${row.differences.missingInProduction}, only Prod ${row.differences.missingInDevelopment}, ` +
        `changed ${row.differences.differing}; ${sunk / rounds} records to the sink per run)`,
    );
  }
  return figures;
}
