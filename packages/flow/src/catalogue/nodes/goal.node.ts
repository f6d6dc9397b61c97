import { z } from 'zod';
import type { NodeModule } from '../node-module.ts';

export const GoalConfig = z.object({
  /** Revenue a conversion here is worth, in the campaign currency. */
  value: z.number().min(0).max(1e12).default(0),
});
export type GoalConfig = z.infer<typeof GoalConfig>;

export const goalNode = {
  type: 'goal',
  label: { es: 'Objetivo', en: 'Goal' },
  description: {
    es: 'Cuenta una conversión con su valor y termina el recorrido.',
    en: 'Counts a conversion with its value and ends the journey.',
  },
  icon: 'trophy',
  category: 'end',
  configSchema: GoalConfig,
  defaults: () => GoalConfig.parse({}),
  action: 'goal',
  channel: null,
  defaultCost: 0,
  allowedTriggers: [],
  signals: () => [],
  validate: () => [],
  goalValue: (config) => config.value,
} satisfies NodeModule<GoalConfig>;
