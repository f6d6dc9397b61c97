import { hashContinue, hashFinish, hashFraction, hashStart } from '../hash/hash.ts';

/**
 * The two hashes every lead key goes through at enrollment — its random stream's seed
 * (`createLeadStreamSeeder`) and its control-group membership (`createControlTest`) — in one
 * pass over the key. Same FNV-1a states byte for byte: ASCII keys feed both states in one
 * loop, any other key takes `hashContinue` twice. The seed is left in `seed` (an int32 in a
 * field, not a boxed return value).
 */

const FNV_PRIME = 0x01000193;

export class LeadKeyHashes {
  /** The stream seed of the key last hashed. */
  seed = 0;
  private readonly streamPrefix: number;
  private readonly controlPrefix: number;
  private readonly threshold: number;

  /** `drawSeed`: the simulation's seed; `campaignSeed` and `controlShare` (percent) as the runner's. */
  constructor(drawSeed: string, campaignSeed: string, controlShare: number) {
    this.streamPrefix = hashStart('lead-stream', drawSeed);
    this.controlPrefix = hashStart('control', campaignSeed);
    this.threshold = Math.min(Math.max(controlShare, 0), 100) / 100;
  }

  /** Hashes `key`: sets `seed` and returns whether the lead is in the control group. */
  hash(key: string): boolean {
    let stream = this.streamPrefix;
    let control = this.controlPrefix;
    const length = key.length;
    let ascii = true;
    for (let i = 0; i < length; i++) {
      const code = key.charCodeAt(i);
      if (code >= 0x80) {
        ascii = false;
        break;
      }
      stream = Math.imul(stream ^ code, FNV_PRIME);
      control = Math.imul(control ^ code, FNV_PRIME);
    }
    if (!ascii) {
      stream = hashContinue(this.streamPrefix, key);
      control = hashContinue(this.controlPrefix, key);
    }
    this.seed = hashFinish(stream) | 0;
    return this.threshold > 0 && hashFraction(hashFinish(control)) < this.threshold;
  }
}
