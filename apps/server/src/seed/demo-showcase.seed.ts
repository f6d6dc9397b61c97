import { schema } from '@rumbo/db';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { insertCampaign } from '../domain/campaigns/campaign-create.ts';
import { submitReview } from '../domain/reviews/review.service.ts';
import { launch, publish } from '../domain/runs/run.service.ts';
import { createSegment } from '../domain/segments/segment.queries.ts';
import { demoLiveFlow, RECENT_CART_RULE } from './demo-live.flow.ts';

/** The audit log's actor for what the demo did on the user's behalf. */
export const DEMO_ACTOR = 'demo';

/** The seeded draft that waits for a reviewer (the SaaS trial of seed 000). */
export const DEMO_REVIEW_CODE = 'SAAS01';

export const DEMO_REVIEW_NOTE =
  'Lista para revisar: bienvenida a la prueba, un email de información según lo que le interesa, un recordatorio y una llamada comercial a quien no responde. ¿Lanzamos así?';

export interface DemoShowcase {
  segmentId: string;
  liveCampaignId: string;
  /** Leads the live campaign enrolled at launch (control leads not included). */
  enrolled: number;
  control: number;
  reviewCampaignId: string;
  reviewId: string;
}

/**
 * What makes the demo show something at first glance, built through the same functions the
 * API uses (segment create, publish, launch with enrolment, submit for review) so the rows are
 * the ones a user would have made: a running test-mode campaign over the demo leads (the runner
 * then sends its emails to the outbox and opens its call tasks) and a draft waiting for review.
 * Called inside the demo seed's transaction, so it happens once, with the workspace.
 */
export async function seedDemoShowcase(
  db: Database,
  workspaceId: string,
  now: Date,
): Promise<DemoShowcase> {
  const { segment } = await createSegment(
    db,
    workspaceId,
    {
      kind: 'filter',
      name: 'Carrito abandonado (30 días)',
      description: 'Leads que dejaron un carrito sin comprar en los últimos 30 días.',
      rule: RECENT_CART_RULE,
    },
    now.getTime(),
  );
  const liveCampaignId = await insertCampaign(db, {
    workspaceId,
    actor: DEMO_ACTOR,
    document: demoLiveFlow(segment.id),
    action: 'campaign.created',
    data: { from: 'demo' },
  });
  await publish(db, workspaceId, liveCampaignId, {
    actor: DEMO_ACTOR,
    notes: 'Publicada por la demo para enseñar el monitor, la bandeja de salida y las llamadas.',
  });
  const launched = await launch(db, workspaceId, liveCampaignId, DEMO_ACTOR);

  const [waiting] = await db
    .select({ id: schema.campaigns.id, draftRevision: schema.campaigns.draftRevision })
    .from(schema.campaigns)
    .where(
      and(
        eq(schema.campaigns.workspaceId, workspaceId),
        eq(schema.campaigns.code, DEMO_REVIEW_CODE),
      ),
    );
  if (waiting === undefined) throw new Error(`the demo campaign ${DEMO_REVIEW_CODE} is missing`);
  const review = await submitReview(
    db,
    workspaceId,
    waiting.id,
    { draftRevision: waiting.draftRevision, note: DEMO_REVIEW_NOTE },
    DEMO_ACTOR,
  );
  return {
    segmentId: segment.id,
    liveCampaignId,
    enrolled: launched.enrolled,
    control: launched.control,
    reviewCampaignId: waiting.id,
    reviewId: review.id,
  };
}
