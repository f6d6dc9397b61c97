import { hashContinue, hashFinish, hashFraction, hashStart } from './hash.ts';

/**
 * Split and control-group assignment shared by the simulator and the runner: both call these
 * functions, so the same lead lands on the same branch in a simulation and in the live
 * campaign, in every version of the flow (the campaign `seed` is fixed per campaign).
 */

export interface SplitInput {
  leadKey: string;
  nodeId: string;
  /** The campaign's seed (`settings.seed`). */
  seed: string;
  /**
   * Weights of the split's transitions, in the order the caller fixes. The simulator and the
   * runner both order a split's transitions by transition id (`compareIds`), so reordering
   * edges on the canvas never moves a lead.
   */
  weights: readonly number[];
}

/** Picks an index from cumulative weights for a fraction in [0, 1); -1 when no weight is positive. */
export function pickWeighted(weights: readonly number[], fraction: number): number {
  let total = 0;
  for (const weight of weights) if (weight > 0) total += weight;
  if (!(total > 0)) return -1;
  const target = fraction * total;
  let cumulative = 0;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i] ?? 0;
    if (!(weight > 0)) continue;
    cumulative += weight;
    last = i;
    if (target < cumulative) return i;
  }
  // Rounding can leave target a hair above the last cumulative sum: the last positive weight takes it.
  return last;
}

/**
 * The index of the split transition a lead takes. Weights need not sum to 100 (they are
 * normalised); zero or negative weights are never chosen; -1 only if no weight is positive.
 */
export function splitBranch({ leadKey, nodeId, seed, weights }: SplitInput): number {
  return createSplitter({ nodeId, seed, weights })(leadKey);
}

/** `splitBranch` for one node with the prefix hashed once: the fast form for many leads. */
export function createSplitter({
  nodeId,
  seed,
  weights,
}: Omit<SplitInput, 'leadKey'>): (leadKey: string) => number {
  const prefix = hashStart('split', seed, nodeId);
  const frozen = [...weights];
  return (leadKey) => pickWeighted(frozen, hashFraction(hashFinish(hashContinue(prefix, leadKey))));
}

export interface ControlGroupInput {
  leadKey: string;
  seed: string;
  /** Percent of leads held out, 0–100 (the campaign's `controlShare`). */
  share: number;
}

/** Whether the lead belongs to the campaign's control group (receives nothing, counts for uplift). */
export function inControlGroup({ leadKey, seed, share }: ControlGroupInput): boolean {
  return createControlTest({ seed, share })(leadKey);
}

/** `inControlGroup` with the prefix hashed once. */
export function createControlTest({
  seed,
  share,
}: Omit<ControlGroupInput, 'leadKey'>): (leadKey: string) => boolean {
  const prefix = hashStart('control', seed);
  const threshold = Math.min(Math.max(share, 0), 100) / 100;
  if (!(threshold > 0)) return () => false;
  return (leadKey) => hashFraction(hashFinish(hashContinue(prefix, leadKey))) < threshold;
}

/** Orders ids by UTF-16 code units, the same in every engine (never `localeCompare`). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
