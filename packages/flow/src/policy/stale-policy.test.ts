import { describe, expect, it } from 'vitest';
import { FlowDocument, type FlowNode } from '../document/flow.schema.ts';
import {
  DEFAULT_STALE_POLICY,
  hasStalePolicy,
  staleness,
  stalePolicyFor,
  stalePolicyText,
} from './stale-policy.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-01T12:00:00Z');

function documentWith(stalePolicy?: unknown, nodes: unknown[] = []): FlowDocument {
  return FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'ST', name: 'Stale', ...(stalePolicy ? { stalePolicy } : {}) },
    nodes,
    transitions: [],
  });
}

const email = (stalePolicy?: unknown): unknown => ({
  id: 'mail',
  type: 'email',
  name: 'Oferta',
  ...(stalePolicy ? { stalePolicy } : {}),
});

function only(doc: FlowDocument): FlowNode {
  const node = doc.nodes[0];
  if (!node) throw new Error('the document has no node');
  return node;
}

describe('staleness', () => {
  it('says nothing about a step within the tolerance', () => {
    const doc = documentWith({ action: 'skip', after: { amount: 6, unit: 'hours' } }, [email()]);
    expect(staleness(doc, only(doc), NOW - 6 * HOUR, NOW)).toBeNull();
    expect(staleness(doc, only(doc), NOW + HOUR, NOW)).toBeNull();
  });

  it('skips a step later than the tolerance, with how late it was', () => {
    const doc = documentWith({ action: 'skip', after: { amount: 6, unit: 'hours' } }, [email()]);
    expect(staleness(doc, only(doc), NOW - 7 * HOUR, NOW)).toEqual({
      action: 'skip',
      overdueMs: 7 * HOUR,
      toleranceMs: 6 * HOUR,
    });
  });

  it('sends late after a day when neither the node nor the campaign sets a policy', () => {
    expect(DEFAULT_STALE_POLICY).toEqual({ action: 'send', after: { amount: 1, unit: 'days' } });
    const doc = documentWith(undefined, [email()]);
    expect(staleness(doc, only(doc), NOW - 23 * HOUR, NOW)).toBeNull();
    expect(staleness(doc, only(doc), NOW - 25 * HOUR, NOW)).toMatchObject({
      action: 'send',
      overdueMs: 25 * HOUR,
    });
  });

  it('counts a month of tolerance as 30 days', () => {
    const doc = documentWith({ action: 'skip', after: { amount: 1, unit: 'months' } }, [email()]);
    expect(staleness(doc, only(doc), NOW - 29 * 24 * HOUR, NOW)).toBeNull();
    expect(staleness(doc, only(doc), NOW - 31 * 24 * HOUR, NOW)?.toleranceMs).toBe(30 * 24 * HOUR);
  });

  it("follows the node's own policy over the campaign's", () => {
    const campaign = { action: 'send', after: { amount: 1, unit: 'days' } };
    const own = { action: 'skip', after: { amount: 2, unit: 'hours' } };
    const doc = documentWith(campaign, [email(own)]);
    expect(stalePolicyFor(doc, only(doc))).toEqual(own);
    expect(staleness(doc, only(doc), NOW - 3 * HOUR, NOW)).toEqual({
      action: 'skip',
      overdueMs: 3 * HOUR,
      toleranceMs: 2 * HOUR,
    });
    const plain = documentWith(campaign, [email()]);
    expect(stalePolicyFor(plain, only(plain))).toEqual(campaign);
    expect(staleness(plain, only(plain), NOW - 3 * HOUR, NOW)).toBeNull();
  });

  it('applies only to nodes that send', () => {
    expect(['email', 'sms', 'call', 'webhook'].filter(hasStalePolicy)).toHaveLength(4);
    expect(
      ['entry', 'wait', 'branch', 'split', 'update', 'goal', 'exit', 'note'].some(hasStalePolicy),
    ).toBe(false);
    const skip = { action: 'skip', after: { amount: 1, unit: 'minutes' } };
    const doc = documentWith(skip, [{ id: 'w', type: 'wait', name: 'Espera' }]);
    expect(stalePolicyFor(doc, only(doc))).toBeNull();
    expect(staleness(doc, only(doc), NOW - 30 * 24 * HOUR, NOW)).toBeNull();
  });

  it('says the policy in words', () => {
    expect(stalePolicyText(DEFAULT_STALE_POLICY, 'es')).toBe('enviarlo igualmente pasado 1 día');
    expect(stalePolicyText({ action: 'skip', after: { amount: 6, unit: 'hours' } }, 'en')).toBe(
      'skip it after 6 hours',
    );
  });
});
