import { FlowDocument } from '@rumbo/flow';

/**
 * The 20-node flow the simulator benchmarks run, in Node and in Chromium, so their figures
 * compare: every node kind on the hot path (sends, signals and timeouts, branch on stage and
 * tag, split, update, wait, webhook, call, goals, exits) and a conversion goal.
 */
export function benchFlow(): FlowDocument {
  const n = (id: string, type: string, config: Record<string, unknown> = {}) => ({
    id,
    type,
    name: id,
    config,
  });
  const email = (id: string) => n(id, 'email', { subject: 'Hola', body: 'Hola {{ lead.name }}' });
  const sms = (id: string) => n(id, 'sms', { text: 'Hola' });
  let k = 0;
  const t = (source: string, target: string, trigger: Record<string, unknown>) => ({
    id: `t${++k}`,
    source,
    target,
    trigger,
  });
  const signal = (s: string) => ({ kind: 'signal', signal: s });
  const after = (amount: number, unit: string) => ({ kind: 'timeout', amount, unit });
  const auto = { kind: 'auto' };
  const stageIsLead = { kind: 'stage', in: ['lead'] };
  const vip = { kind: 'tag', tag: 'vip', has: true };
  return FlowDocument.parse({
    schemaVersion: 1,
    settings: {
      code: 'BENCH',
      name: 'Bench',
      controlShare: 5,
      conversionGoal: { signal: 'purchased', window: { amount: 30, unit: 'days' }, value: 40 },
    },
    nodes: [
      n('entry', 'entry'),
      email('email1'),
      n('branch1', 'branch'),
      n('update1', 'update', { addTags: ['vip'] }),
      n('split1', 'split'),
      email('email2a'),
      email('email2b'),
      email('email3'),
      sms('sms1'),
      n('wait1', 'wait', { mode: 'duration', duration: { amount: 1, unit: 'days' } }),
      n('update2', 'update', { stage: 'opportunity' }),
      email('email4'),
      n('webhook1', 'webhook', { url: 'https://example.com/hook' }),
      n('branch2', 'branch'),
      n('call1', 'call'),
      sms('sms2'),
      n('goal1', 'goal', { value: 50 }),
      n('goal2', 'goal', { value: 120 }),
      n('exit1', 'exit'),
      n('exit2', 'exit'),
    ],
    transitions: [
      t('entry', 'email1', auto),
      t('email1', 'branch1', signal('opened')),
      t('email1', 'update1', signal('clicked')),
      t('email1', 'sms1', after(3, 'days')),
      t('branch1', 'split1', { kind: 'condition', order: 0, rule: stageIsLead }),
      t('branch1', 'wait1', { kind: 'else' }),
      t('split1', 'email2a', { kind: 'split', weight: 50 }),
      t('split1', 'email2b', { kind: 'split', weight: 50 }),
      t('email2a', 'goal1', signal('clicked')),
      t('email2a', 'call1', after(2, 'days')),
      t('email2b', 'goal1', signal('clicked')),
      t('email2b', 'call1', after(2, 'days')),
      t('update1', 'email3', auto),
      t('email3', 'goal2', signal('opened')),
      t('email3', 'exit1', after(2, 'days')),
      t('sms1', 'goal1', signal('clicked')),
      t('sms1', 'call1', signal('replied')),
      t('sms1', 'wait1', after(1, 'days')),
      t('wait1', 'email4', auto),
      t('update2', 'email3', auto),
      t('email4', 'webhook1', signal('opened')),
      t('email4', 'exit2', after(3, 'days')),
      t('webhook1', 'branch2', signal('success')),
      t('webhook1', 'exit2', signal('failure')),
      t('webhook1', 'exit2', after(1, 'hours')),
      t('branch2', 'goal2', { kind: 'condition', order: 0, rule: vip }),
      t('branch2', 'goal1', { kind: 'else' }),
      t('call1', 'goal1', signal('objective_achieved')),
      t('call1', 'update2', signal('interested')),
      t('call1', 'exit1', signal('not_interested')),
      t('call1', 'sms2', signal('no_answer')),
      t('call1', 'exit2', after(5, 'days')),
      t('sms2', 'goal1', signal('clicked')),
      t('sms2', 'exit2', after(1, 'days')),
    ],
  });
}
