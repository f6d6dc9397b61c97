import { describe, expect, it } from 'vitest';
import { asNodeId } from '../../ids.ts';
import type { LeadSnapshot } from '../../lead/lead.schema.ts';
import { updateNode } from './update.node.ts';

const lead: LeadSnapshot = {
  key: 'L1',
  name: 'Ana',
  email: null,
  phone: null,
  locale: 'es',
  timeZone: 'UTC',
  stage: 'lead',
  consent: { email: true, sms: true, call: true },
  attributes: { plan: 'free', score: 3 },
  tags: ['vip', 'old'],
  lists: ['list-a'],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  events: [],
};
const context = (knownSegments?: string[]) => ({
  node: { id: asNodeId('u1'), type: 'update', name: 'Update', config: {} },
  outgoing: [],
  ...(knownSegments ? { knownSegments } : {}),
});

describe('update node', () => {
  it('changes stage, attributes, tags and lists without touching the input lead', () => {
    const config = updateNode.configSchema.parse({
      stage: 'opportunity',
      setAttributes: { plan: 'pro' },
      unsetAttributes: ['score'],
      addTags: ['interested', 'vip'],
      removeTags: ['old'],
      addToLists: ['list-b'],
      removeFromLists: ['list-a'],
    });
    const after = updateNode.applyUpdate(config, lead);
    expect(after.stage).toBe('opportunity');
    expect(after.attributes).toEqual({ plan: 'pro' });
    expect(after.tags).toEqual(['vip', 'interested']);
    expect(after.lists).toEqual(['list-b']);
    expect(lead.stage).toBe('lead');
    expect(lead.tags).toEqual(['vip', 'old']);
  });

  it('warns when the update changes nothing', () => {
    const issues = updateNode.validate(updateNode.defaults(), context());
    expect(issues.map((i) => i.code)).toEqual(['update_empty']);
  });

  it('reports a tag both added and removed, and a list that does not exist', () => {
    const config = updateNode.configSchema.parse({
      addTags: ['x'],
      removeTags: ['x'],
      addToLists: ['nope'],
    });
    const issues = updateNode.validate(config, context(['list-a']));
    expect(issues.map((i) => [i.code, i.params])).toEqual([
      ['update_conflict', { value: 'x' }],
      ['unknown_segment', { segment: 'nope' }],
    ]);
  });
});
