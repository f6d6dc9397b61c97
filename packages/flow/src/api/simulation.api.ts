import { z } from 'zod';
import { LeadSnapshot } from '../lead/lead.schema.ts';
import { FakeLeadSpec } from '../sample/fake-leads.ts';
import { Assumptions } from '../simulate/assumptions.ts';

/**
 * `POST /api/v1/simulations`: the same simulation the browser runs in its Web Worker, on the
 * server for samples too large for a laptop. Same input, byte-identical result JSON.
 */

/** Inline leads ride in the request body; larger samples should use the fake generator. */
export const MAX_INLINE_LEADS = 20_000;

/** Where the sample leads come from: generated from a seed, or sent in the request. */
export const SampleLeadsSpec = z.discriminatedUnion('kind', [
  FakeLeadSpec.extend({ kind: z.literal('fake') }),
  z.object({
    kind: z.literal('inline'),
    items: z.array(LeadSnapshot).min(1).max(MAX_INLINE_LEADS),
  }),
]);
export type SampleLeadsSpec = z.infer<typeof SampleLeadsSpec>;

/** A review looks at most three years ahead; longer horizons are a typo (10 instead of 1). */
export const MAX_HORIZON_DAYS = 1096;

/**
 * The options as the client sends them; the simulator checks the rest (seed length, start
 * range…) and applies defaults (maxPaths, traceLeads…), with located issues either way.
 */
const RequestOptions = z.object({
  seed: z.string(),
  start: z.number(),
  horizonDays: z.number().gt(0).max(MAX_HORIZON_DAYS),
  entryNodeId: z.string().optional(),
  maxStepsPerLead: z.number().optional(),
  traceLeads: z.number().optional(),
  maxPaths: z.number().optional(),
});

export const SimulationRequest = z
  .object({
    /** A flow document to simulate (e.g. an unsaved draft) … */
    document: z.unknown().optional(),
    /** … or the saved draft of this campaign. Exactly one of the two. */
    campaignId: z.uuid().optional(),
    leads: SampleLeadsSpec,
    /** Missing entries are filled with channel defaults. */
    assumptions: Assumptions.optional(),
    /** Seed, start (epoch ms), horizon in days…; checked by the simulator, errors located. */
    options: RequestOptions,
  })
  .meta({ id: 'SimulationRequest' });
export type SimulationRequest = z.infer<typeof SimulationRequest>;

/** The reply is `SimulationResult` (see `simulate`), serialised exactly as `JSON.stringify` does. */
export const SimulationResultBody = z
  .looseObject({ version: z.literal(1), seed: z.string(), totals: z.unknown(), nodes: z.unknown() })
  .meta({ id: 'SimulationResult' });

/**
 * `POST /api/v1/simulations/segment-sample`: a random sample of a segment's real leads, as
 * simulation leads. The same seed over the same data gives the same leads (ordered by a hash
 * of seed and lead id), so a reviewer's run can be repeated.
 */
export const SegmentSampleRequest = z
  .object({
    segmentId: z.uuid(),
    count: z.number().int().min(1).max(MAX_INLINE_LEADS),
    seed: z.string().trim().min(1).max(200),
  })
  .meta({ id: 'SegmentSampleRequest' });
export type SegmentSampleRequest = z.infer<typeof SegmentSampleRequest>;

export const SegmentSample = z
  .object({
    segmentId: z.uuid(),
    segmentName: z.string(),
    /** How many leads the segment has now; the sample is min(count, total) of them. */
    total: z.number().int().min(0),
    leads: z.array(LeadSnapshot),
  })
  .meta({ id: 'SegmentSample' });
export type SegmentSample = z.infer<typeof SegmentSample>;

/** Channels whose steps send something a lead can answer. */
export const HISTORY_CHANNELS = ['email', 'sms', 'call', 'webhook'] as const;

/**
 * How leads answered one channel in the workspace's past campaigns: of the steps of that
 * channel that acted (`sent`), how many got this signal attributed (`responded`).
 */
export const ResponseRate = z.object({
  channel: z.enum(HISTORY_CHANNELS),
  signal: z.string(),
  sent: z.number().int().min(0),
  responded: z.number().int().min(0),
  /** responded / sent. */
  rate: z.number().min(0).max(1),
});
export type ResponseRate = z.infer<typeof ResponseRate>;

/** `GET /api/v1/simulations/history`: every (channel, signal) pair with at least one send. */
export const ResponseHistory = z
  .object({ rates: z.array(ResponseRate) })
  .meta({ id: 'ResponseHistory' });
export type ResponseHistory = z.infer<typeof ResponseHistory>;
