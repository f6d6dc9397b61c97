import { type DraftSaved, DraftSaved as DraftSavedSchema, type FlowDocument } from '@rumbo/flow';
import type { ApiClient } from '../../api/api-client.ts';
import { ApiError } from '../../api/api-error.ts';

/**
 * Saves the draft to the server one request at a time, always the latest document, with
 * the revision it started from (optimistic concurrency). A stale revision stops saving and
 * reports a conflict instead of overwriting someone else's work; the caller keeps the
 * browser copy in the meantime, so nothing is lost.
 */

export type SaverStatus =
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date; revision: number }
  | { kind: 'conflict'; savedAt: string | null }
  | { kind: 'failed'; message: string };

export interface DraftSaver {
  save(document: FlowDocument): void;
  revision(): number;
}

export function createDraftSaver(options: {
  api: ApiClient;
  campaignId: string;
  revision: number;
  onStatus: (status: SaverStatus) => void;
}): DraftSaver {
  let revision = options.revision;
  let inFlight = false;
  let queued: FlowDocument | null = null;
  let stopped = false;
  const path = `/api/v1/campaigns/${encodeURIComponent(options.campaignId)}/draft`;

  const run = async (document: FlowDocument) => {
    inFlight = true;
    options.onStatus({ kind: 'saving' });
    try {
      const saved: DraftSaved = await options.api.send(
        'PUT',
        path,
        { document, revision },
        DraftSavedSchema,
      );
      revision = saved.revision;
      if (!queued) options.onStatus({ kind: 'saved', at: new Date(saved.updatedAt), revision });
    } catch (error) {
      queued = null;
      if (error instanceof ApiError && error.status === 409) {
        stopped = true;
        const savedAt = error.problem && 'savedAt' in error.problem ? error.problem.savedAt : null;
        options.onStatus({
          kind: 'conflict',
          savedAt: typeof savedAt === 'string' ? savedAt : null,
        });
      } else {
        options.onStatus({
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    } finally {
      inFlight = false;
    }
    const next = queued;
    queued = null;
    if (next && !stopped) await run(next);
  };

  return {
    save(document) {
      if (stopped) return;
      if (inFlight) {
        queued = document;
        return;
      }
      void run(document);
    },
    revision: () => revision,
  };
}
