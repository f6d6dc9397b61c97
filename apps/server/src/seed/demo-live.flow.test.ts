import { hasErrors, validateFlow } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { DEMO_LIVE_CODE, demoLiveFlow } from './demo-live.flow.ts';

const segmentId = '7b0f3c1e-4a52-4d7e-9c1a-2f6b8e0d5a91';

describe('demoLiveFlow', () => {
  it('is a publishable test-mode campaign that enters the given segment once', () => {
    const flow = demoLiveFlow(segmentId);
    const { issues } = validateFlow(flow, { knownSegments: [segmentId] });
    expect(hasErrors(issues)).toBe(false);
    expect(flow.settings).toMatchObject({ code: DEMO_LIVE_CODE, mode: 'test' });
    const entry = flow.nodes.find((node) => node.type === 'entry');
    expect(entry?.config).toEqual({ sources: [{ kind: 'segment', segmentId, continuous: false }] });
  });

  it('sends leads who agreed to calls to the call list and the others to an email, both waiting days', () => {
    const flow = demoLiveFlow(segmentId);
    const leaving = (nodeId: string) =>
      flow.transitions.filter((t) => t.source === nodeId).map((t) => [t.target, t.trigger.kind]);
    expect(leaving('who')).toEqual([
      ['call', 'condition'],
      ['reminder', 'else'],
    ]);
    expect(flow.transitions.filter((t) => t.source === 'who').map((t) => t.label)).toEqual([
      'Acepta llamadas',
      'No acepta llamadas',
    ]);
    expect(leaving('call')).toContainEqual(['silent', 'timeout']);
    expect(leaving('reminder')).toContainEqual(['silent', 'timeout']);
  });
});
