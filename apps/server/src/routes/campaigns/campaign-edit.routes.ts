import {
  CampaignConflict,
  CampaignDetail,
  CampaignIdParams,
  CampaignSettingsPatch,
  DraftSave,
  DraftSaved,
  Problem,
} from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { saveDraft } from '../../domain/campaigns/campaign-draft.ts';
import { setArchived, updateSettings } from '../../domain/campaigns/campaign-settings.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';

/** Flows of 5,000 nodes with their texts run to a few megabytes. */
export const DOCUMENT_BODY_LIMIT = 16 * 1024 * 1024;

/** Changes to one campaign: its draft, its settings, whether it is archived. */
export const campaignEditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/api/v1/campaigns/:id/draft',
    {
      bodyLimit: DOCUMENT_BODY_LIMIT,
      schema: {
        tags: ['campaigns'],
        summary:
          'Save the draft (allowed with validation errors); a stale revision gets 409 draft_conflict',
        params: CampaignIdParams,
        body: DraftSave,
        response: { 200: DraftSaved, 400: Problem, 404: Problem, 409: CampaignConflict },
      },
    },
    async (request) =>
      saveDraft(app.db, request.workspaceId, request.params.id, request.body, actorOf(request)),
  );

  app.patch(
    '/api/v1/campaigns/:id/settings',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Change some campaign settings (code, name, validity, budget, goal, …)',
        params: CampaignIdParams,
        body: CampaignSettingsPatch,
        response: { 200: CampaignDetail, 400: Problem, 404: Problem, 409: CampaignConflict },
      },
    },
    async (request) =>
      updateSettings(
        app.db,
        request.workspaceId,
        request.params.id,
        request.body,
        actorOf(request),
      ),
  );

  for (const [path, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    app.post(
      `/api/v1/campaigns/:id/${path}`,
      {
        schema: {
          tags: ['campaigns'],
          summary: archived
            ? 'Archive a draft or stopped campaign (hidden from the default list)'
            : 'Bring an archived campaign back (409 if its code is in use again)',
          params: CampaignIdParams,
          response: { 200: CampaignDetail, 400: Problem, 404: Problem, 409: CampaignConflict },
        },
      },
      async (request) =>
        setArchived(app.db, request.workspaceId, request.params.id, archived, actorOf(request)),
    );
  }
};
