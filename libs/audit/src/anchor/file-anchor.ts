import { appendFileSync, createReadStream, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

/** The head of the chain after an append: the newest event's sequence number and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
  keyId: string | null;
}

/**
 * A copy of the chain's head kept OUTSIDE the audit database, written after
 * every append. Whoever can rewrite the database cannot rewrite this copy, so
 * removing the newest events (which leaves a valid, shorter chain) shows.
 */
export interface AuditAnchor {
  /** Records a committed head; must not throw (the event is committed either way). */
  record(head: ChainHead): void;
  /** Every head anchored for this store, in the order they were anchored. */
  heads(): AsyncIterable<ChainHead>;
}

interface AnchorLine extends ChainHead {
  store: string;
  at: string;
}

/**
 * An append-only file of heads, one JSON line per append, named by the store
 * they belong to (`host:port/database`), so one file can serve a store that
 * moves or several stores without mixing them up. The folder is created 0700
 * and the file 0600 when they do not exist yet: the file holds hashes only,
 * but nobody else should be able to append a forged head to it. Each line is
 * also handed to `log` (the server log: a second copy outside the database).
 */
export class FileAnchor implements AuditAnchor {
  private prepared = false;

  constructor(
    readonly file: string,
    private readonly store: string,
    private readonly log: (line: string) => void = () => undefined,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  record(head: ChainHead): void {
    const line: AnchorLine = {
      store: this.store,
      seq: head.seq,
      hash: head.hash,
      keyId: head.keyId,
      at: new Date().toISOString(),
    };
    const text = JSON.stringify(line);
    this.log(`audit head anchored: ${text}`);
    try {
      this.prepare();
      appendFileSync(this.file, text + '\n', { mode: 0o600 });
    } catch (error) {
      // The event is committed; an anchor that could not be written is reported, loudly, not thrown.
      this.onError(`could not anchor the audit head to ${this.file}: ${(error as Error).message}`);
    }
  }

  /** Streams the file: memory does not grow with the log. */
  async *heads(): AsyncIterable<ChainHead> {
    if (!existsSync(this.file)) {
      return;
    }
    const lines = createInterface({ input: createReadStream(this.file, 'utf8'), crlfDelay: Infinity });
    for await (const text of lines) {
      const line = parseLine(text);
      if (line !== null && line.store === this.store) {
        yield { seq: line.seq, hash: line.hash, keyId: line.keyId };
      }
    }
  }

  /** Creates the folder (0700) and the file (0600) when missing; the umask can only narrow these modes. */
  private prepare(): void {
    if (this.prepared) {
      return;
    }
    const folder = dirname(this.file);
    if (!existsSync(folder)) {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
    }
    if (!existsSync(this.file)) {
      appendFileSync(this.file, '', { mode: 0o600 });
    }
    this.prepared = true;
  }
}

function parseLine(text: string): AnchorLine | null {
  try {
    const value = JSON.parse(text) as Partial<AnchorLine>;
    return typeof value.store === 'string' &&
      Number.isSafeInteger(value.seq) &&
      typeof value.hash === 'string' &&
      /^[0-9a-f]{64}$/.test(value.hash)
      ? (value as AnchorLine)
      : null;
  } catch {
    // A torn last line (a crash mid-write) is skipped; the line before it still counts.
    return null;
  }
}
