import type { LeadSnapshot } from '../lead/lead.schema.ts';
import { EMPTY_LEAD } from './journey.ts';
import type { LeadKeyHashes } from './lead-keys.ts';
import type { Plan } from './plan.ts';
import { consentMask, drawGlobals } from './signal-draws.ts';

/**
 * What `simulate` needs of each lead before its journey — control group, consent mask, random
 * stream, global signal times — read and drawn for a batch of leads in one tight pass. The
 * lead objects are scattered in memory, and a loop that only loads, hashes and draws lets the
 * CPU fetch many at once, while the journeys after it read small arrays that stay in cache.
 * Enrollment draws (`drawGlobals`) happen here too, so a lead's stream state stays in a local
 * between its key hash and its draws.
 */

/** Leads per batch; a power of 2, and batches start at its multiples. */
export const LEAD_BATCH = 256;

export class LeadBatch {
  /** The lead's stream state after its enrollment draws. */
  readonly stream: Int32Array;
  /** 1: the lead is in the control group. */
  readonly control: Uint8Array;
  /** `consentMask` of the lead. */
  readonly consent: Uint8Array;
  /** Arrival of each global signal (Infinity = never), `globalCount` per lead. */
  readonly globals: Float64Array;
  readonly globalCount: number;
  private readonly plan: Plan;
  private readonly leads: readonly LeadSnapshot[];
  private readonly enrolledAt: number;
  /** Every lead keeps its own place (the event queue interleaves leads), else one per batch place. */
  private readonly everyLead: boolean;

  constructor(
    plan: Plan,
    leads: readonly LeadSnapshot[],
    options: { everyLead: boolean; enrolledAt: number },
  ) {
    const size = options.everyLead ? Math.max(1, leads.length) : LEAD_BATCH;
    this.plan = plan;
    this.leads = leads;
    this.enrolledAt = options.enrolledAt;
    this.everyLead = options.everyLead;
    this.globalCount = plan.globals.length;
    this.stream = new Int32Array(size);
    this.control = new Uint8Array(size);
    this.consent = new Uint8Array(size);
    this.globals = new Float64Array(size * this.globalCount);
  }

  /** Where lead `i`'s values live: valid until the next batch is read, unless every lead has its own. */
  place(i: number): number {
    return this.everyLead ? i : i & (LEAD_BATCH - 1);
  }

  /** Reads leads [from, to) (`from` a multiple of LEAD_BATCH) and draws their global signals. */
  read(from: number, to: number, keys: LeadKeyHashes): void {
    const { plan, leads, enrolledAt, globalCount } = this;
    for (let i = from; i < to; i++) {
      const lead = leads[i] ?? EMPTY_LEAD;
      const j = this.place(i);
      this.control[j] = keys.hash(lead.key) ? 1 : 0;
      this.stream[j] = keys.seed;
      drawGlobals(plan, this.stream, j, this.globals, j * globalCount, enrolledAt);
      this.consent[j] = consentMask(lead);
    }
  }
}
