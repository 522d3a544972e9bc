import type { PinnedRecordEntry, RecordKind, RecordList } from '@vantix/contracts';
import type { TableSchema } from '../introspect/table-schema';
import { differingColumns } from './column-diff';
import type { ColumnRule } from './equality';
import type { DiffEvent } from './diff-table';
import { encodeRecordId } from '../db/record-id';
import { presentParents } from './parent-presence';
import type { ReadSession } from '../db/read-session';
import { RecordFacts, RecordFactsReader } from './record-facts';
import type { RecordSink } from './record-sink';
import type { TableFindings } from './table-findings';
import type { TablePairing } from '../introspect/table-pairing';

// Records per detail read: each flush costs a few round trips on a side that is
// also streaming the diff, so fewer, larger reads (a few hundred kB of text)
// cut the comparison's tail; the memory stays bounded by the batch.
const DETAIL_BATCH = 1_000;

export interface CollectorContext {
  dev: ReadSession;
  prod: ReadSession;
  schema: string;
  pairing: TablePairing & { dev: TableSchema; prod: TableSchema };
  /** The equality rule of each shared column. */
  rules: ColumnRule[];
  devSchemas: Map<string, TableSchema | null>;
  prodSchemas: Map<string, TableSchema | null>;
  recordCap: number;
  sink?: RecordSink;
  findings: TableFindings;
}

/**
 * Turns the diff stream's ids into report entries, a batch at a time: reads
 * summaries by primary key, names differing columns, checks parents in
 * Production, counts for the recommendations, hands every entry to the sink
 * and keeps only the first `recordCap` per list.
 */
export class RecordCollector {
  readonly lists: Record<RecordKind, RecordList> = {
    missingInProduction: { count: 0, records: [] },
    missingInDevelopment: { count: 0, records: [] },
    differing: { count: 0, records: [] },
  };
  private readonly pending: Record<RecordKind, string[]> = {
    missingInProduction: [],
    missingInDevelopment: [],
    differing: [],
  };
  private readonly devReader: RecordFactsReader;
  private readonly prodReader: RecordFactsReader;
  /** Records missing in Production are read with their fingerprint: a sync may only copy them as pinned here. */
  private readonly missingReader: RecordFactsReader;

  constructor(private readonly ctx: CollectorContext) {
    this.devReader = new RecordFactsReader(ctx.schema, ctx.pairing.dev, ctx.devSchemas);
    // Pinned too: a refresh of Development may only copy them as pinned here.
    this.prodReader = new RecordFactsReader(ctx.schema, ctx.pairing.prod, ctx.prodSchemas, true);
    this.missingReader = new RecordFactsReader(ctx.schema, ctx.pairing.dev, ctx.devSchemas, true);
  }

  async push(events: DiffEvent[]): Promise<void> {
    for (const event of events) {
      const pending = this.pending[event.kind];
      pending.push(event.id);
      if (pending.length >= DETAIL_BATCH) {
        await this.flush(event.kind);
      }
    }
  }

  async finish(): Promise<void> {
    for (const kind of Object.keys(this.pending) as RecordKind[]) {
      await this.flush(kind);
    }
  }

  private async flush(kind: RecordKind): Promise<void> {
    const ids = this.pending[kind];
    if (ids.length === 0) {
      return;
    }
    this.pending[kind] = [];
    const { dev, prod } = this.ctx;
    let facts: Map<string, RecordFacts>;
    let columns = new Map<string, string[]>();
    if (kind === 'missingInDevelopment') {
      facts = await this.prodReader.read(prod, ids);
    } else if (kind === 'differing') {
      [facts, columns] = await Promise.all([
        this.devReader.read(dev, ids),
        differingColumns(dev, prod, this.ctx.schema, this.ctx.pairing, this.ctx.rules, ids),
      ]);
    } else {
      facts = await this.missingReader.read(dev, ids);
      await this.countParents(ids, facts);
    }
    for (const id of ids) {
      // A row hash can differ while every value is equal (jsonb 1.0 and 1): the
      // exact check found no differing column, so the record is not differing.
      // A record the check could not read back by key stays listed.
      if (kind === 'differing' && columns.get(id)?.length === 0) {
        continue;
      }
      const fact = facts.get(id);
      const entry: PinnedRecordEntry = { id, summary: fact?.summary ?? id, createdAt: fact?.createdAt ?? null };
      if (kind === 'differing') {
        entry.columns = columns.get(id) ?? [];
      }
      await this.add(kind, entry, fact?.pin);
    }
  }

  private async add(kind: RecordKind, entry: PinnedRecordEntry, pin: PinnedRecordEntry['pin']): Promise<void> {
    const list = this.lists[kind];
    list.count++;
    this.ctx.findings.counts[kind]++;
    // The report shows no pin; only the store keeps it.
    if (list.records.length < this.ctx.recordCap) {
      list.records.push(entry);
    }
    if (this.ctx.sink) {
      await this.ctx.sink.add(this.ctx.pairing.table, kind, pin ? { ...entry, pin } : entry);
    }
  }

  /** For records missing in Production: are the parents they reference there? */
  private async countParents(ids: string[], facts: Map<string, RecordFacts>): Promise<void> {
    const findings = this.ctx.findings;
    const foreignKeys = this.ctx.pairing.dev.foreignKeys;
    const presentByFk = await Promise.all(
      foreignKeys.map((fk) => {
        const refs = [...facts.values()].flatMap((f) =>
          f.references.filter((r) => r.fk === fk && r.values).map((r) => r.values as string[]),
        );
        return presentParents(
          this.ctx.prod,
          this.ctx.schema,
          fk,
          this.ctx.prodSchemas.get(fk.referencedTable) ?? null,
          refs,
        );
      }),
    );
    for (const id of ids) {
      const fact = facts.get(id);
      if (!fact) {
        continue;
      }
      if (fact.privileged) {
        findings.privilegedMissing++;
      }
      const missingParents = new Set<string>();
      fact.references.forEach((ref) => {
        const present = presentByFk[foreignKeys.indexOf(ref.fk)];
        if (ref.values && !present.has(encodeRecordId(ref.values))) {
          missingParents.add(ref.fk.referencedTable);
        }
      });
      if (missingParents.size) {
        findings.parentMissing++;
        for (const table of missingParents) {
          findings.missingParentTables.set(table, (findings.missingParentTables.get(table) ?? 0) + 1);
        }
      } else if (foreignKeys.length) {
        findings.recoverable++;
      }
    }
  }
}
