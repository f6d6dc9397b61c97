import { FlowDocument } from '@rumbo/flow';

/** An empty flow to start from when there is no campaign on the server yet. */
export function blankDocument(name: string): FlowDocument {
  return FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'BORRADOR', name },
    nodes: [],
    transitions: [],
  });
}
