import { FlowDocument } from '@rumbo/flow';
import { z } from 'zod';

/**
 * The autosaved draft in the browser's storage. Until the server's save API exists this is
 * the only place edits survive a reload, and the toolbar says so. A stored draft that no
 * longer parses is moved aside (never silently dropped) and reported with where it broke.
 */

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const StoredDraft = z.object({
  savedAt: z.iso.datetime(),
  document: FlowDocument,
  /** The server revision these edits started from; a save sends it so a stale copy conflicts. */
  baseRevision: z.number().int().min(1).optional(),
});
export type StoredDraft = z.infer<typeof StoredDraft>;

export type DraftRead =
  | { kind: 'none' }
  | { kind: 'ok'; draft: StoredDraft }
  | { kind: 'corrupt'; problem: string; backupKey: string };

export const draftKey = (campaignId: string) => `rumbo.designer.draft.${campaignId}`;

export function readLocalDraft(storage: DraftStorage, campaignId: string): DraftRead {
  const key = draftKey(campaignId);
  const raw = storage.getItem(key);
  if (raw === null) return { kind: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return moveAside(storage, key, raw, error instanceof Error ? error.message : String(error));
  }
  const parsed = StoredDraft.safeParse(json);
  if (parsed.success) return { kind: 'ok', draft: parsed.data };
  const first = parsed.error.issues[0];
  const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
  return moveAside(storage, key, raw, where);
}

function moveAside(storage: DraftStorage, key: string, raw: string, problem: string): DraftRead {
  const backupKey = `${key}.unreadable`;
  storage.setItem(backupKey, raw);
  storage.removeItem(key);
  return { kind: 'corrupt', problem, backupKey };
}

export function writeLocalDraft(
  storage: DraftStorage,
  campaignId: string,
  document: FlowDocument,
  now: Date,
  baseRevision?: number,
): StoredDraft {
  const draft = {
    savedAt: now.toISOString(),
    document,
    ...(baseRevision === undefined ? {} : { baseRevision }),
  };
  storage.setItem(draftKey(campaignId), JSON.stringify(draft));
  return draft;
}

export function clearLocalDraft(storage: DraftStorage, campaignId: string): void {
  storage.removeItem(draftKey(campaignId));
}
