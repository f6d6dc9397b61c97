import { roleCan } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { permissionFor } from './permissions.ts';

/** Who may make a request, by role, as the auth scope decides it. */
const allowed = (method: string, url: string) =>
  ['admin', 'marketer', 'reviewer', 'agent', 'analyst'].filter((role) =>
    roleCan(role, permissionFor(method, url)),
  );

describe('permissionFor', () => {
  it('lets every role read, but only administrators see or change users', () => {
    expect(allowed('GET', '/api/v1/campaigns/:id')).toHaveLength(5);
    expect(allowed('GET', '/api/v1/call-tasks')).toHaveLength(5);
    expect(allowed('GET', '/api/v1/users')).toEqual(['admin']);
    expect(allowed('PATCH', '/api/v1/users/:id')).toEqual(['admin']);
    expect(allowed('GET', '/api/v1/api-keys')).toEqual(['admin']);
    expect(allowed('DELETE', '/api/v1/api-keys/:id')).toEqual(['admin']);
  });

  it('gives drawing and running campaigns to marketers, approval to reviewers, calls to agents', () => {
    expect(allowed('PUT', '/api/v1/campaigns/:id/draft')).toEqual(['admin', 'marketer']);
    expect(allowed('POST', '/api/v1/campaigns/:id/reviews')).toEqual(['admin', 'marketer']);
    expect(allowed('POST', '/api/v1/campaigns/:id/reviews/:reviewId/approve')).toEqual([
      'admin',
      'reviewer',
    ]);
    expect(allowed('POST', '/api/v1/campaigns/:id/reviews/:reviewId/return')).toEqual([
      'admin',
      'reviewer',
    ]);
    expect(allowed('POST', '/api/v1/simulations')).toEqual(['admin', 'marketer', 'reviewer']);
    expect(allowed('PUT', '/api/v1/campaigns/:id/reviews/:reviewId/simulation')).toEqual([
      'admin',
      'marketer',
      'reviewer',
    ]);
    expect(allowed('POST', '/api/v1/call-tasks/:id/outcome')).toEqual(['admin', 'agent']);
    expect(allowed('POST', '/api/v1/call-tasks/:id/snooze')).toEqual(['admin', 'agent']);
    // The call centre's pace is a marketer's or administrator's decision, not an agent's.
    expect(allowed('PUT', '/api/v1/call-tasks/capacity')).toEqual(['admin', 'marketer']);
    expect(allowed('PUT', '/api/v1/call-tasks/day')).toEqual(['admin', 'marketer']);
    expect(allowed('PUT', '/api/v1/workspace/policies')).toEqual(['admin', 'marketer']);
    expect(allowed('POST', '/api/v1/campaigns/:id/pause')).toEqual(['admin', 'marketer']);
  });

  it('lets an unknown role read and nothing else', () => {
    expect(roleCan('intern', 'read')).toBe(true);
    expect(roleCan('intern', 'edit')).toBe(false);
  });
});
