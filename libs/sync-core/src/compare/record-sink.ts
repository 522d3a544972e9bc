import type { PinnedRecordEntry, RecordKind } from '@vantix/contracts';

/**
 * Receives every differing record of a comparison (uncapped), one at a time,
 * so a caller can store a full report while the engine holds none of it. The
 * engine awaits each call: a slow sink slows the comparison instead of
 * filling memory.
 */
export interface RecordSink {
  add(table: string, kind: RecordKind, record: PinnedRecordEntry): Promise<void>;
}
