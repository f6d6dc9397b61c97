import { flow } from './runner-fixtures.ts';

// The flow the monitor's integration tests run (shared by api-monitor*.test.ts).

/** entry → tag (update) → mail → opened (signal) | late (3 days); lead-6 fails at `tag`. */
export function monitorFlow(listId: string) {
  return flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      { id: 'tag', type: 'update', config: { addTags: ['seguido'] } },
      { id: 'mail', type: 'email', config: { subject: 'Hola {{ lead.name }}', body: 'Hola' } },
      { id: 'opened', type: 'exit' },
      { id: 'late', type: 'exit' },
    ],
    [
      { id: 'a', source: 'in', target: 'tag', trigger: { kind: 'auto' } },
      { id: 'b', source: 'tag', target: 'mail', trigger: { kind: 'auto' } },
      { id: 'o', source: 'mail', target: 'opened', trigger: { kind: 'signal', signal: 'opened' } },
      {
        id: 't',
        source: 'mail',
        target: 'late',
        trigger: { kind: 'timeout', amount: 3, unit: 'days' },
      },
    ],
    { code: 'MON1', name: 'Monitor', mode: 'test' },
  );
}
