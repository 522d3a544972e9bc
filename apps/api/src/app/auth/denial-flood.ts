/** One address's anonymous denials of one reason in one minute. */
export interface DenialWindow {
  clientIp: string | null;
  reason: string;
  /** Start of the minute (ISO 8601). */
  windowStart: string;
  /** Denials after the first, which was recorded on its own. */
  repeats: number;
  statuses: Record<string, number>;
  paths: Record<string, number>;
}

type OpenWindow = DenialWindow & { minute: number };

const MINUTE_MS = 60_000;
/** Distinct addresses tracked at once; beyond, the rest share one window (the log stays bounded either way). */
const MAX_ADDRESSES = 10_000;
/** Distinct paths counted per window; the rest are counted under "(other)". */
const MAX_PATHS = 20;
const OTHER_ADDRESSES = '(other addresses)';

/**
 * Counts anonymous refusals so junk traffic cannot grow the audit log without
 * bound: per client address, reason and minute, the first refusal is recorded
 * at once (`observe` returns true) and the rest only counted, then recorded as
 * ONE event with the count when the minute is over (`due`) or the server stops
 * (`drain`). Pure bookkeeping: the caller writes the events.
 */
export class DenialFlood {
  /** address → reason → the open window. */
  private readonly windows = new Map<string, Map<string, OpenWindow>>();
  private readonly closed: DenialWindow[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** True when this refusal opens a window and must be recorded on its own. */
  observe(clientIp: string | null, reason: string, status: number, path: string): boolean {
    const minute = Math.floor(this.now() / MINUTE_MS);
    let address = clientIp ?? '(unknown)';
    if (!this.windows.has(address) && this.windows.size >= MAX_ADDRESSES) {
      address = OTHER_ADDRESSES;
    }
    const byReason = this.windows.get(address) ?? new Map<string, OpenWindow>();
    this.windows.set(address, byReason);
    const open = byReason.get(reason);
    if (open !== undefined && open.minute === minute) {
      open.repeats += 1;
      open.statuses[status] = (open.statuses[status] ?? 0) + 1;
      const counted = path in open.paths || Object.keys(open.paths).length < MAX_PATHS ? path : '(other)';
      open.paths[counted] = (open.paths[counted] ?? 0) + 1;
      return false;
    }
    if (open !== undefined) {
      this.closed.push(withoutMinute(open));
    }
    byReason.set(reason, {
      minute,
      clientIp: address === OTHER_ADDRESSES ? null : clientIp,
      reason,
      windowStart: new Date(minute * MINUTE_MS).toISOString(),
      repeats: 0,
      statuses: {},
      paths: {},
    });
    return true;
  }

  /** Windows of past minutes that had repeats, removed from the books. */
  due(): DenialWindow[] {
    const minute = Math.floor(this.now() / MINUTE_MS);
    const result = this.closed.splice(0);
    for (const [address, byReason] of this.windows) {
      for (const [reason, window] of byReason) {
        if (window.minute < minute) {
          byReason.delete(reason);
          result.push(withoutMinute(window));
        }
      }
      if (byReason.size === 0) {
        this.windows.delete(address);
      }
    }
    return result.filter((window) => window.repeats > 0);
  }

  /** Every window that had repeats, the current minute's too (at shutdown). */
  drain(): DenialWindow[] {
    const open = [...this.windows.values()].flatMap((byReason) => [...byReason.values()].map(withoutMinute));
    this.windows.clear();
    return [...this.closed.splice(0), ...open].filter((window) => window.repeats > 0);
  }
}

function withoutMinute({ minute: _minute, ...window }: OpenWindow): DenialWindow {
  return window;
}
