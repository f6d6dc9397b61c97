import { describe, expect, it } from 'vitest';
import { UpdateConfig, updateNode } from '../catalogue/nodes/update.node.ts';
import { EMPTY_LEAD } from './journey.ts';
import { compileLeadUpdate } from './lead-update.ts';

const lead = (tags: string[], lists: string[], stage: 'lead' | 'customer' = 'lead') => ({
  ...EMPTY_LEAD,
  stage,
  tags,
  lists,
  attributes: { country: 'ES' },
});

describe('compileLeadUpdate', () => {
  it('gives the same lead values as the module’s applyUpdate for tags, lists and stage', () => {
    const configs = [
      { addTags: ['vip'] },
      { stage: 'customer', removeTags: ['old'] },
      { addTags: ['a', 'b', 'a'], removeTags: ['c'], addToLists: ['l1'], removeFromLists: ['l2'] },
      {},
    ].map((c) => UpdateConfig.parse(c));
    const leads = [
      lead([], []),
      lead(['vip'], ['l1'], 'customer'),
      lead(['old', 'x', 'x'], ['l2', 'l1']),
      lead(['a', 'c', 'b'], []),
      lead(['c', 'a', 'c', 'vip'], ['l2', 'l2']),
    ];
    for (const config of configs) {
      const update = compileLeadUpdate('update', config);
      for (const before of leads) {
        expect(update?.(before)).toEqual(updateNode.applyUpdate(config, before));
      }
    }
  });

  it('returns the same lead when nothing changes, and leaves attribute updates to the module', () => {
    const tagged = lead(['vip'], []);
    expect(compileLeadUpdate('update', UpdateConfig.parse({ addTags: ['vip'] }))?.(tagged)).toBe(
      tagged,
    );
    const set = UpdateConfig.parse({ setAttributes: { plan: 'pro' } });
    expect(compileLeadUpdate('update', set)).toBeNull();
    expect(compileLeadUpdate('email', UpdateConfig.parse({}))).toBeNull();
  });
});
