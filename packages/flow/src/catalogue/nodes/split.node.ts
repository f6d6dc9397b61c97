import { z } from 'zod';
import { makeIssue } from '../../validate/issue-codes.ts';
import type { NodeModule } from '../node-module.ts';

export const SplitConfig = z.object({});
export type SplitConfig = z.infer<typeof SplitConfig>;

/** Weights are percentages; floating-point sums such as 33.3 + 33.3 + 33.4 must still pass. */
const WEIGHT_TOLERANCE = 1e-6;

export const splitNode = {
  type: 'split',
  label: { es: 'Test A/B', en: 'A/B split' },
  description: {
    es: 'Reparte los leads al azar (de forma reproducible) según los pesos de sus salidas.',
    en: 'Splits leads at random (reproducibly) by the weights of its outgoing transitions.',
  },
  icon: 'split',
  category: 'logic',
  configSchema: SplitConfig,
  defaults: () => SplitConfig.parse({}),
  action: 'route',
  channel: null,
  defaultCost: 0,
  allowedTriggers: ['split'],
  signals: () => [],
  validate(_config, context) {
    let sum = 0;
    let count = 0;
    for (const t of context.outgoing) {
      if (t.trigger.kind !== 'split') continue;
      sum += t.trigger.weight;
      count += 1;
    }
    if (count === 0 || Math.abs(sum - 100) <= WEIGHT_TOLERANCE) return [];
    const rounded = Math.round(sum * 1000) / 1000;
    return [makeIssue('split_weights_sum', 'error', { nodeId: context.node.id }, { sum: rounded })];
  },
} satisfies NodeModule<SplitConfig>;
