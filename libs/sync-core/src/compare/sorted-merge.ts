/**
 * Compares two texts in code-point order, which is the byte order of their
 * UTF-8 form and so the order of PostgreSQL's "C" collation. JavaScript's `<`
 * compares UTF-16 units, which puts U+E000–U+FFFF after astral characters.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) {
      continue;
    }
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** A row of the drill-down stream: bucket, id, row hash. */
export type KeyedRow = [number, string, string];

export type MergeOutcome = 'onlyDev' | 'onlyProd' | 'changed';

function compareRows(x: KeyedRow, y: KeyedRow): number {
  return x[0] - y[0] || compareCodePoints(x[1], y[1]);
}

/** Pulls batches from one sorted stream, one batch ahead, checking the order. */
class SortedReader {
  private rows: KeyedRow[] = [];
  private index = 0;
  private last: KeyedRow | null = null;
  private next: Promise<IteratorResult<unknown[][]>>;
  done = false;

  constructor(
    private readonly source: AsyncGenerator<unknown[][]>,
    private readonly side: string,
  ) {
    this.next = source.next();
  }

  /** The current row, fetching the next batch when needed; null at the end. */
  async peek(): Promise<KeyedRow | null> {
    while (this.index >= this.rows.length) {
      if (this.done) {
        return null;
      }
      const result = await this.next;
      if (result.done) {
        this.done = true;
        return null;
      }
      this.rows = result.value as KeyedRow[];
      this.index = 0;
      // Ask for the following batch now, so the database works while Node merges.
      this.next = this.source.next();
    }
    return this.rows[this.index];
  }

  take(): void {
    const row = this.rows[this.index++];
    // Both sides must sort the same way; if an encoding or collation ever made
    // them disagree, the merge would report wrong differences. Fail instead.
    if (this.last && compareRows(this.last, row) >= 0) {
      throw new Error(`${this.side} rows are not in the expected order near id ${row[1]}`);
    }
    this.last = row;
  }

  async close(): Promise<void> {
    await this.source.return(undefined);
  }
}

/**
 * Merges the two sides' (bucket, id, hash) streams, both sorted by bucket then
 * id in code-point order, and yields the differences in batches. Only the
 * current batch of each side is in memory.
 */
export async function* mergeSorted(
  dev: AsyncGenerator<unknown[][]>,
  prod: AsyncGenerator<unknown[][]>,
  yieldEvery = 500,
): AsyncGenerator<{ outcome: MergeOutcome; id: string }[]> {
  const left = new SortedReader(dev, 'Development');
  const right = new SortedReader(prod, 'Production');
  let out: { outcome: MergeOutcome; id: string }[] = [];
  try {
    for (;;) {
      const [x, y] = [await left.peek(), await right.peek()];
      if (!x && !y) {
        break;
      }
      const order = !x ? 1 : !y ? -1 : compareRows(x, y);
      if (order === 0 && x && y) {
        if (x[2] !== y[2]) {
          out.push({ outcome: 'changed', id: x[1] });
        }
        left.take();
        right.take();
      } else if (order < 0 && x) {
        out.push({ outcome: 'onlyDev', id: x[1] });
        left.take();
      } else if (y) {
        out.push({ outcome: 'onlyProd', id: y[1] });
        right.take();
      }
      if (out.length >= yieldEvery) {
        yield out;
        out = [];
      }
    }
    if (out.length) {
      yield out;
    }
  } finally {
    await Promise.all([left.close(), right.close()]);
  }
}
