import { SKIP_BUDGET, SKIP_CONSENT } from './decide.ts';

/**
 * What a simulation counts, per node, per transition and per day. Plain numbers in typed
 * arrays; money in integer millionths of the currency so sums are exact in any order.
 */
export class RunTally {
  readonly entered: Float64Array;
  /** The node's action ran (message sent, task created, lead updated). */
  readonly acted: Float64Array;
  readonly skippedConsent: Float64Array;
  readonly skippedBudget: Float64Array;
  readonly left: Float64Array;
  readonly endedAt: Float64Array;
  readonly stuckAt: Float64Array;
  readonly stepBudgetAt: Float64Array;
  readonly convertedAt: Float64Array;
  readonly waitingAt: Float64Array;
  readonly nodeCost: Float64Array;
  readonly nodeRevenue: Float64Array;
  readonly transitionCount: Float64Array;
  readonly dayEntered: Float64Array;
  /** Four channels a day, in `CHANNELS` order. */
  readonly dayMessages: Float64Array;
  readonly dayConversions: Float64Array;
  readonly dayCost: Float64Array;
  readonly dayRevenue: Float64Array;
  /** Leads per final path id, filled as journeys end. */
  readonly pathCounts: number[] = [];
  variableCost = 0;
  leadSteps = 0;
  control = 0;
  controlConversions = 0;

  constructor(nodes: number, transitions: number, days: number) {
    const perNode = () => new Float64Array(nodes);
    const perDay = () => new Float64Array(days);
    this.entered = perNode();
    this.acted = perNode();
    this.skippedConsent = perNode();
    this.skippedBudget = perNode();
    this.left = perNode();
    this.endedAt = perNode();
    this.stuckAt = perNode();
    this.stepBudgetAt = perNode();
    this.convertedAt = perNode();
    this.waitingAt = perNode();
    this.nodeCost = perNode();
    this.nodeRevenue = perNode();
    this.transitionCount = new Float64Array(transitions);
    this.dayEntered = perDay();
    this.dayMessages = new Float64Array(days * 4);
    this.dayConversions = perDay();
    this.dayCost = perDay();
    this.dayRevenue = perDay();
  }

  /** One visit's action: acted (cost, message of the day) or skipped and why. */
  countVisit(
    node: number,
    channel: number,
    day: number,
    visit: { acted: boolean; skip: number; costMicro: number },
  ): void {
    if (visit.acted) {
      this.acted[node] = (this.acted[node] ?? 0) + 1;
      if (visit.costMicro !== 0) {
        this.variableCost += visit.costMicro;
        this.nodeCost[node] = (this.nodeCost[node] ?? 0) + visit.costMicro;
        this.dayCost[day] = (this.dayCost[day] ?? 0) + visit.costMicro;
      }
      if (channel >= 0) {
        const slot = day * 4 + channel;
        this.dayMessages[slot] = (this.dayMessages[slot] ?? 0) + 1;
      }
    } else if (visit.skip === SKIP_CONSENT) {
      this.skippedConsent[node] = (this.skippedConsent[node] ?? 0) + 1;
    } else if (visit.skip === SKIP_BUDGET) {
      this.skippedBudget[node] = (this.skippedBudget[node] ?? 0) + 1;
    }
  }
}
