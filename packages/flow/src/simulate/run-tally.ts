/**
 * What a simulation counts, per node, per transition and per day. Plain numbers in typed
 * arrays; money in integer millionths of the currency so sums are exact in any order.
 */
export class RunTally {
  /** Set by `finish`. */
  readonly entered: Float64Array;
  /** The node's action ran (message sent, task created, lead updated). Set by `finish`. */
  readonly acted: Float64Array;
  readonly skippedConsent: Float64Array;
  readonly skippedBudget: Float64Array;
  /** Set by `finish`. */
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
  /**
   * Acting visits per node and day (`node * days + day`; the day counts only for nodes with a
   * cost or a channel, the others use day 0). `finish` derives `acted`, costs and messages.
   */
  readonly actedByDay: Float64Array;
  readonly days: number;
  /** Leads per final path id, filled as journeys end (a typed array: ids come in any order). */
  pathCounts = new Float64Array(1024);
  /** Spent so far: kept live only under a budget cap (the runs needs it), else set by `finish`. */
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
    this.days = days;
    this.actedByDay = new Float64Array(nodes * days);
  }

  /** One more lead ended on `path`. */
  countPath(path: number): void {
    let counts = this.pathCounts;
    if (path >= counts.length) {
      let size = counts.length * 2;
      while (size <= path) size *= 2;
      const grown = new Float64Array(size);
      grown.set(counts);
      this.pathCounts = grown;
      counts = grown;
    }
    counts[path] = (counts[path] ?? 0) + 1;
  }

  /**
   * The counts the hot loop leaves for the end, worked out from the ones it keeps: leaving a
   * node = the transitions taken out of it, entering it = those taken into it; what acting nodes did per day and their cost =
   * acting visits per node and day × the node's channel and cost. Integer sums, so the totals
   * are those of counting each visit (exactly, while they stay below 2^53 millionths).
   */
  finish(
    sourceOf: Int32Array,
    targetOf: Int32Array,
    entry: number,
    channelOf: Int8Array,
    costOf: Float64Array,
  ): void {
    this.left.fill(0);
    // Entering a node = arriving there (at the entry: every treatment lead, all on day 0) less
    // the arrivals the step budget stopped.
    this.entered.fill(0);
    if (entry >= 0) this.entered[entry] = this.dayEntered[0] ?? 0;
    for (let t = 0; t < sourceOf.length; t++) {
      const count = this.transitionCount[t] ?? 0;
      const source = sourceOf[t] ?? -1;
      const target = targetOf[t] ?? -1;
      if (source >= 0) this.left[source] = (this.left[source] ?? 0) + count;
      if (target >= 0) this.entered[target] = (this.entered[target] ?? 0) + count;
    }
    for (let node = 0; node < this.entered.length; node++) {
      this.entered[node] = (this.entered[node] ?? 0) - (this.stepBudgetAt[node] ?? 0);
    }
    const days = this.days;
    this.acted.fill(0);
    this.nodeCost.fill(0);
    this.dayCost.fill(0);
    this.dayMessages.fill(0);
    let variable = 0;
    for (let node = 0; node < this.acted.length; node++) {
      const channel = channelOf[node] ?? -1;
      const cost = costOf[node] ?? 0;
      let acted = 0;
      for (let day = 0; day < days; day++) {
        const count = this.actedByDay[node * days + day] ?? 0;
        if (count === 0) continue;
        acted += count;
        if (cost !== 0) this.dayCost[day] = (this.dayCost[day] ?? 0) + count * cost;
        if (channel >= 0) {
          const slot = day * 4 + channel;
          this.dayMessages[slot] = (this.dayMessages[slot] ?? 0) + count;
        }
      }
      this.acted[node] = acted;
      this.nodeCost[node] = acted * cost;
      variable += acted * cost;
    }
    this.variableCost = variable;
  }
}
