import { describe, expect, it } from 'vitest';
import { CAMPAIGN_STATUSES } from './campaign.api.ts';
import { type CAMPAIGN_LIFECYCLE, lifecycleAllows } from './run.api.ts';

describe('campaign run lifecycle', () => {
  it('launches from draft or stopped only once a version is published', () => {
    expect(lifecycleAllows('launch', 'draft', 1)).toBe(true);
    expect(lifecycleAllows('launch', 'stopped', 2)).toBe(true);
    expect(lifecycleAllows('launch', 'draft', null)).toBe(false);
    expect(lifecycleAllows('launch', 'active', 1)).toBe(false);
  });

  it('pauses the active, resumes the paused, stops either and nothing else', () => {
    const allowedFrom = (command: keyof typeof CAMPAIGN_LIFECYCLE) =>
      CAMPAIGN_STATUSES.filter((status) => lifecycleAllows(command, status, 1));
    expect(allowedFrom('pause')).toEqual(['active']);
    expect(allowedFrom('resume')).toEqual(['paused']);
    expect([...allowedFrom('stop')].sort()).toEqual(['active', 'paused']);
  });
});
