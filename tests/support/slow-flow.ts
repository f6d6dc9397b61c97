import { FlowDocument } from '@rumbo/flow';

/**
 * A valid flow that keeps the simulator busy: every lead waits an hour and comes back to the
 * same wait until its step limit (1,000 by default). Over a horizon of 1,000 days, 200,000
 * fake leads make 200 million lead-steps — tens of seconds — where the seed campaigns finish
 * in about a second. Tests that cancel a run, or need one still queued, use it so the run
 * cannot end before they act.
 */
export const SLOW_HORIZON_DAYS = 1000;

export function slowLoopFlow(): FlowDocument {
  return FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'LENTA', name: 'Bucle lento' },
    nodes: [
      { id: 'entry', type: 'entry', name: 'Entrada', config: { sources: [{ kind: 'manual' }] } },
      {
        id: 'pause',
        type: 'wait',
        name: 'Esperar una hora',
        config: { mode: 'duration', duration: { amount: 1, unit: 'hours' } },
      },
    ],
    transitions: [
      { id: 'in', source: 'entry', target: 'pause', trigger: { kind: 'auto' } },
      { id: 'again', source: 'pause', target: 'pause', trigger: { kind: 'auto' } },
    ],
  });
}
