import { FlowDocument } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STALE_POLICY, staleness } from './stale-policy.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-01T12:00:00Z');

function documentWith(stalePolicy?: unknown): FlowDocument {
  return FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'ST', name: 'Stale', ...(stalePolicy ? { stalePolicy } : {}) },
    nodes: [],
    transitions: [],
  });
}

describe('staleness', () => {
  it('says nothing about a step within the tolerance', () => {
    const doc = documentWith({ action: 'skip', after: { amount: 6, unit: 'hours' } });
    expect(staleness(doc, NOW - 6 * HOUR, NOW)).toBeNull();
    expect(staleness(doc, NOW + HOUR, NOW)).toBeNull();
  });

  it('skips a step later than the tolerance, with how late it was', () => {
    const doc = documentWith({ action: 'skip', after: { amount: 6, unit: 'hours' } });
    expect(staleness(doc, NOW - 7 * HOUR, NOW)).toEqual({
      action: 'skip',
      overdueMs: 7 * HOUR,
      toleranceMs: 6 * HOUR,
    });
  });

  it('sends late after a day when the campaign sets no policy', () => {
    expect(DEFAULT_STALE_POLICY).toEqual({ action: 'send', after: { amount: 1, unit: 'days' } });
    const doc = documentWith();
    expect(staleness(doc, NOW - 23 * HOUR, NOW)).toBeNull();
    expect(staleness(doc, NOW - 25 * HOUR, NOW)).toMatchObject({
      action: 'send',
      overdueMs: 25 * HOUR,
    });
  });

  it('counts a month of tolerance as 30 days', () => {
    const doc = documentWith({ action: 'skip', after: { amount: 1, unit: 'months' } });
    expect(staleness(doc, NOW - 29 * 24 * HOUR, NOW)).toBeNull();
    expect(staleness(doc, NOW - 31 * 24 * HOUR, NOW)?.toleranceMs).toBe(30 * 24 * HOUR);
  });
});
