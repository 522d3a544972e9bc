import { Injectable, inject, signal } from '@angular/core';
import { MAX_SUMMARY_REFS, RecordRef } from '@vantix/contracts';
import { Observable, catchError, concatMap, from, map, of, toArray } from 'rxjs';
import { ReviewApi } from '../../core/api/review-api';

/** `table:id`, the one key the console uses for a record in maps. */
export function recordKey(table: string, id: string): string {
  return `${table}:${id}`;
}

/**
 * Names (summaries) of records by `table:id`, so no screen has to show a bare
 * id: filled from the lists the panel loads, and asked from the API for the
 * records it does not know (parents, "select all" records never loaded).
 */
@Injectable({ providedIn: 'root' })
export class RecordNames {
  private readonly api = inject(ReviewApi);
  private readonly known = signal<ReadonlyMap<string, string>>(new Map());

  readonly names = this.known.asReadonly();

  name(table: string, id: string): string | undefined {
    return this.known().get(recordKey(table, id));
  }

  remember(entries: Iterable<[string, string]>): void {
    const next = new Map(this.known());
    for (const [key, summary] of entries) {
      next.set(key, summary);
    }
    // Only a real change is a new value: readers in effects would otherwise ask again for names that never come.
    const known = this.known();
    if (next.size !== known.size || [...next].some(([key, summary]) => known.get(key) !== summary)) {
      this.known.set(next);
    }
  }

  /** Asks the API for the names it does not know yet (in requests of at most MAX_SUMMARY_REFS); emits once when done. */
  resolve(records: readonly RecordRef[]): Observable<void> {
    const unknown = [
      ...new Map(
        records
          .filter((r) => !this.known().has(recordKey(r.table, r.id)))
          // Only table and id: callers pass richer objects (plan refs, results) and the API refuses unknown fields.
          .map((r) => [recordKey(r.table, r.id), { table: r.table, id: r.id }]),
      ).values(),
    ];
    if (unknown.length === 0) {
      return of(undefined);
    }
    const chunks: RecordRef[][] = [];
    for (let i = 0; i < unknown.length; i += MAX_SUMMARY_REFS) {
      chunks.push(unknown.slice(i, i + MAX_SUMMARY_REFS));
    }
    return from(chunks).pipe(
      concatMap((chunk) => this.api.summaries(chunk)),
      map(({ records: named }) =>
        this.remember(
          named
            .filter((r): r is RecordRef & { summary: string } => r.summary !== null)
            .map((r) => [recordKey(r.table, r.id), r.summary] as [string, string]),
        ),
      ),
      toArray(),
      map(() => undefined),
      // A name is a help, not a condition: without it the record is still shown by table and id.
      catchError(() => of(undefined)),
    );
  }
}
