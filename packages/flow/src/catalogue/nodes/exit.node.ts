import { z } from 'zod';
import type { NodeModule } from '../node-module.ts';

export const ExitConfig = z.object({
  /** Why leads end here ("Sin interés"), shown in the monitor and the lead's timeline. */
  reason: z.string().max(200).default(''),
});
export type ExitConfig = z.infer<typeof ExitConfig>;

export const exitNode = {
  type: 'exit',
  label: { es: 'Salida', en: 'Exit' },
  description: {
    es: 'Termina el recorrido sin conversión.',
    en: 'Ends the journey without a conversion.',
  },
  icon: 'log-out',
  category: 'end',
  configSchema: ExitConfig,
  defaults: () => ExitConfig.parse({}),
  action: 'exit',
  channel: null,
  defaultCost: 0,
  allowedTriggers: [],
  signals: () => [],
  validate: () => [],
} satisfies NodeModule<ExitConfig>;
