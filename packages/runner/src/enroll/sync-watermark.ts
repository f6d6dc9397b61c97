/**
 * The instant a sync may count "since" from next time: now, or the start of the oldest
 * transaction still open, whichever is earlier. A lead written by a transaction that began
 * before this sync but commits after it is invisible now and stamped before now; starting the
 * next window at that transaction's start still sees it. Overlap is harmless: the re-entry rule
 * keeps a lead already in from entering twice.
 */
export const SYNC_WATERMARK = `LEAST(now(), (SELECT min(xact_start) FROM pg_stat_activity
  WHERE datname = current_database() AND xact_start IS NOT NULL))`;
