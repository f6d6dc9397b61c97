import {
  CampaignConflict,
  type CampaignCreate,
  CampaignDetail,
  CampaignExport,
  CampaignImported,
  CampaignList,
  type CampaignListQuery,
  type CampaignSettingsPatch,
  DraftSaved,
  type FlowDocument,
  InvalidJsonProblem,
} from '@rumbo/flow';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from './api-client.ts';
import { useApi } from './api-context.tsx';
import { ApiError, type ApiErrorInit, describeApiError, type Translate } from './api-error.ts';

export type ArchivedFilter = CampaignListQuery['archived'];

/** Query keys in one place, so a mutation elsewhere (designer save) can invalidate the list. */
export const campaignKeys = {
  all: ['campaigns'] as const,
  /** Prefix of every list (invalidate this after any change). */
  list: () => [...campaignKeys.all, 'list'] as const,
  listOf: (archived: ArchivedFilter) => [...campaignKeys.list(), archived] as const,
  detail: (id: string) => [...campaignKeys.all, 'detail', id] as const,
};

const base = '/api/v1/campaigns';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export function fetchCampaigns(
  api: ApiClient,
  signal?: AbortSignal,
  archived: ArchivedFilter = 'exclude',
): Promise<CampaignList> {
  const path = archived === 'exclude' ? base : `${base}?archived=${archived}`;
  return api.get(path, CampaignList, signal ? { signal } : {});
}

/** The workspace's campaigns (archived ones only when asked), parsed with `CampaignList`. */
export function useCampaigns(archived: ArchivedFilter = 'exclude') {
  const api = useApi();
  return useQuery({
    queryKey: campaignKeys.listOf(archived),
    queryFn: ({ signal }) => fetchCampaigns(api, signal, archived),
  });
}

/** One campaign with its draft and `draftRevision` (send that revision with the next save). */
export function useCampaign(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: campaignKeys.detail(id),
    queryFn: ({ signal }) => api.get(one(id), CampaignDetail, { signal }),
  });
}

/**
 * A save refused because someone saved after the editor loaded its revision. Nothing was
 * overwritten; the editor should offer to reload (or to keep its copy and save over it with
 * `currentRevision` once the user has looked).
 */
export class DraftConflictError extends ApiError {
  readonly currentRevision: number;
  readonly savedAt: string | null;
  readonly savedBy: string | null;

  constructor(error: ApiError, details: CampaignConflict) {
    const init: ApiErrorInit = { kind: error.kind, status: error.status, code: error.code };
    if (error.problem) init.problem = error.problem;
    super(init, error.message);
    this.name = 'DraftConflictError';
    this.currentRevision = details.currentRevision ?? 0;
    this.savedAt = details.savedAt ?? null;
    this.savedBy = details.savedBy ?? null;
  }
}

/** The free code the server suggests when a code is taken, or null for any other error. */
export function suggestedCode(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'campaign_code_taken') return null;
  return CampaignConflict.safeParse(error.problem).data?.suggestedCode ?? null;
}

function asConflict(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.code !== 'draft_conflict') return error;
  const details = CampaignConflict.safeParse(error.problem);
  return details.success ? new DraftConflictError(error, details.data) : error;
}

export interface SaveDraftInput {
  document: FlowDocument;
  /** The revision the editor started from (`draftRevision`, then each save's `revision`). */
  revision: number;
}

/** The save request itself; rejects with `DraftConflictError` on a stale revision. */
export function saveDraftRequest(
  api: ApiClient,
  id: string,
  input: SaveDraftInput,
): Promise<DraftSaved> {
  return api.send('PUT', `${one(id)}/draft`, input, DraftSaved).catch((error: unknown) => {
    throw asConflict(error);
  });
}

/**
 * `PUT /campaigns/:id/draft`. Resolves with `{revision, updatedAt, issues}` — saving is
 * allowed with validation errors; rejects with `DraftConflictError` when the revision is stale
 * and with an `ApiError` (code `validation_failed`, located issues) when it is not a flow.
 */
export function useSaveDraft(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveDraftInput) => saveDraftRequest(api, id, input),
    onSuccess: (saved, input) => {
      queryClient.setQueryData<CampaignDetail>(campaignKeys.detail(id), (old) =>
        old
          ? {
              ...old,
              draft: input.document,
              draftRevision: saved.revision,
              updatedAt: saved.updatedAt,
            }
          : old,
      );
      void queryClient.invalidateQueries({ queryKey: campaignKeys.list() });
    },
  });
}

function useCampaignMutation<Input>(
  request: (api: ApiClient, input: Input) => Promise<CampaignDetail>,
) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => request(api, input),
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignKeys.detail(campaign.id), campaign);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.list() });
    },
  });
}

/** `PATCH /campaigns/:id/settings` with any subset of `CampaignSettings`; bumps the revision. */
export function useUpdateSettings(id: string) {
  return useCampaignMutation((api, patch: CampaignSettingsPatch) =>
    api.send('PATCH', `${one(id)}/settings`, patch, CampaignDetail),
  );
}

/** `POST /campaigns`: blank, from a template, or a copy. A taken code → see `suggestedCode`. */
export function useCreateCampaign() {
  return useCampaignMutation((api, input: CampaignCreate) =>
    api.send('POST', base, input, CampaignDetail),
  );
}

/** Archives (`archived: true`) or brings back a campaign. */
export function useArchiveCampaign() {
  return useCampaignMutation((api, input: { id: string; archived: boolean }) =>
    api.send(
      'POST',
      `${one(input.id)}/${input.archived ? 'archive' : 'unarchive'}`,
      {},
      CampaignDetail,
    ),
  );
}

/** Downloads the campaign's export file in the browser; resolves with the file name. */
export async function downloadCampaignExport(api: ApiClient, id: string): Promise<string> {
  const file = await api.get(`${one(id)}/export`, CampaignExport);
  const name = `${file.settings.code.replace(/[^A-Za-z0-9_-]+/g, '_') || 'campaign'}.rumbo.json`;
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Revoked on the next tick: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return name;
}

/** Where a file that is not JSON first goes wrong, from the import's 400. */
export function invalidJsonPosition(error: unknown): { line: number; column: number } | null {
  if (!(error instanceof ApiError)) return null;
  const parsed = InvalidJsonProblem.safeParse(error.problem);
  if (!parsed.success || parsed.data.line === undefined || parsed.data.column === undefined) {
    return null;
  }
  return { line: parsed.data.line, column: parsed.data.column };
}

/**
 * Sends the file's text as it is (not re-serialised) so the server can say on which line
 * and column a hand-edited file breaks.
 */
export async function importCampaignFile(
  text: string,
  options: { code?: string; translate: Translate; language: string; baseUrl?: string },
): Promise<CampaignImported> {
  const query = options.code ? `?code=${encodeURIComponent(options.code)}` : '';
  const fail = (init: ApiErrorInit) =>
    new ApiError(init, describeApiError(init, options.translate));
  let response: Response;
  try {
    response = await fetch(`${options.baseUrl ?? ''}${base}/import${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': options.language },
      body: text,
      credentials: 'same-origin',
    });
  } catch {
    throw fail({ kind: 'network', status: null, code: 'network_error' });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = CampaignImported.safeParse(body);
    if (parsed.success) return parsed.data;
    throw fail({ kind: 'unexpected', status: response.status, code: 'unexpected_response' });
  }
  const problem = CampaignConflict.extend(InvalidJsonProblem.shape).loose().safeParse(body);
  if (!problem.success) {
    throw fail({ kind: 'http', status: response.status, code: `http_${response.status}` });
  }
  throw fail({
    kind: 'problem',
    status: response.status,
    code: problem.data.code,
    problem: problem.data,
  });
}

/** Import as a mutation; on success the new campaign is cached and the lists refreshed. */
export function useImportCampaign() {
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation();
  return useMutation({
    mutationFn: (input: { text: string; code?: string }) =>
      importCampaignFile(input.text, {
        ...(input.code ? { code: input.code } : {}),
        translate: (key, params) => t(key, params ?? {}),
        language: i18n.language,
      }),
    onSuccess: (imported) => {
      queryClient.setQueryData(campaignKeys.detail(imported.campaign.id), imported.campaign);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.list() });
    },
  });
}
