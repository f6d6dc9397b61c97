import { describe, expect, it } from 'vitest';
import { approvalLeads, NO_CHOICE } from './review-leads.tsx';

describe("the reviewer's choice for the leads in the campaign", () => {
  it('sends nothing for the default: leads at kept steps move, the rest finish on their version', () => {
    expect(approvalLeads(NO_CHOICE)).toEqual({});
  });

  it('sends the map and the exits for deleted steps, or stay for everyone', () => {
    expect(approvalLeads({ migrate: true, nodeMap: { call: 'reminder' }, exit: [] })).toEqual({
      nodeMap: { call: 'reminder' },
    });
    expect(approvalLeads({ migrate: true, nodeMap: {}, exit: ['call'] })).toEqual({
      exit: ['call'],
    });
    expect(approvalLeads({ migrate: false, nodeMap: { call: 'reminder' }, exit: ['x'] })).toEqual({
      leads: 'stay',
    });
  });
});
