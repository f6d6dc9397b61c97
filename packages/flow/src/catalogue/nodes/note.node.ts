import { z } from 'zod';
import type { NodeModule } from '../node-module.ts';

export const NOTE_COLOURS = ['yellow', 'blue', 'green', 'pink', 'grey'] as const;

export const NoteConfig = z.object({
  text: z.string().max(5_000).default(''),
  color: z.enum(NOTE_COLOURS).default('yellow'),
});
export type NoteConfig = z.infer<typeof NoteConfig>;

export const noteNode = {
  type: 'note',
  label: { es: 'Nota', en: 'Note' },
  description: {
    es: 'Una nota adhesiva en el lienzo; nunca se ejecuta.',
    en: 'A sticky note on the canvas; never executed.',
  },
  icon: 'sticky-note',
  category: 'annotation',
  configSchema: NoteConfig,
  defaults: () => NoteConfig.parse({}),
  action: 'none',
  channel: null,
  defaultCost: 0,
  allowedTriggers: [],
  signals: () => [],
  validate: () => [],
} satisfies NodeModule<NoteConfig>;
