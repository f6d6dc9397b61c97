import type { MonitorCounts } from '@rumbo/flow';
import type { Executor } from '../segments/positional-sql.ts';
import { readCounts } from './monitor-counts.queries.ts';

/**
 * Live counts for the monitor's server-sent events. One watcher per campaign with subscribers
 * reads the counter rows every `intervalMs` and pushes a snapshot only when it changed.
 *
 * Why a poll and not LISTEN/NOTIFY: counters are written by whichever process moved the lead
 * (this server, `worker` processes on other machines, a signal ingested by another API
 * process), all in the runner's move statement, which the monitor does not own; a poll of a
 * few primary-key rows sees every writer without a trigger or a held connection per process,
 * costs one indexed query per campaign per interval however many browsers watch, and bounds
 * the delay at one interval (250 ms; the bench measures signal → event).
 */
export interface CountsHubOptions {
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

type Listener = (counts: MonitorCounts) => void;

interface Watcher {
  listeners: Set<Listener>;
  last: MonitorCounts | null;
  fingerprint: string;
  timer: NodeJS.Timeout | null;
}

/** What changes a snapshot: counts and status, not the read instant. */
const fingerprintOf = (c: MonitorCounts) => JSON.stringify([c.status, c.versions]);

export class CountsHub {
  private readonly watchers = new Map<string, Watcher>();
  private readonly db: Executor;
  private readonly intervalMs: number;
  private readonly onError: (error: unknown) => void;
  private closed = false;

  constructor(db: Executor, options: CountsHubOptions = {}) {
    this.db = db;
    this.intervalMs = options.intervalMs ?? 250;
    this.onError = options.onError ?? (() => {});
  }

  /** Calls `listener` with the current counts at once (when known) and on every change. */
  subscribe(campaignId: string, listener: Listener): () => void {
    if (this.closed) return () => {};
    let watcher = this.watchers.get(campaignId);
    if (!watcher) {
      watcher = { listeners: new Set(), last: null, fingerprint: '', timer: null };
      this.watchers.set(campaignId, watcher);
      this.schedule(campaignId, watcher, 0);
    } else if (watcher.last) listener(watcher.last);
    watcher.listeners.add(listener);
    const current = watcher;
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size > 0) return;
      if (current.timer) clearTimeout(current.timer);
      this.watchers.delete(campaignId);
    };
  }

  /** Stops every watcher; later subscriptions do nothing. */
  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) if (watcher.timer) clearTimeout(watcher.timer);
    this.watchers.clear();
  }

  get watching(): number {
    return this.watchers.size;
  }

  private schedule(campaignId: string, watcher: Watcher, delay: number): void {
    // A chain of timeouts, not an interval: a slow read never overlaps the next one.
    watcher.timer = setTimeout(() => void this.poll(campaignId, watcher), delay);
  }

  private async poll(campaignId: string, watcher: Watcher): Promise<void> {
    try {
      const counts = await readCounts(this.db, campaignId);
      if (counts && this.watchers.get(campaignId) === watcher) {
        const fingerprint = fingerprintOf(counts);
        if (fingerprint !== watcher.fingerprint) {
          watcher.fingerprint = fingerprint;
          watcher.last = counts;
          for (const listener of watcher.listeners) listener(counts);
        }
      }
    } catch (error) {
      this.onError(error);
    }
    if (!this.closed && this.watchers.get(campaignId) === watcher) {
      this.schedule(campaignId, watcher, this.intervalMs);
    }
  }
}
