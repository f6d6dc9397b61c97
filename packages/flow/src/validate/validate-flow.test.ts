import { describe, expect, it } from 'vitest';
import { after, auto, email, entry, exit, on, rawFlow, tr } from './raw-flow.test-support.ts';
import { validateFlow } from './validate-flow.ts';

const codes = (input: unknown, options = {}) =>
  validateFlow(input, options).issues.map((i) => i.code);
const find = (input: unknown, code: string, options = {}) =>
  validateFlow(input, options).issues.filter((i) => i.code === code);

/** entry → email → (opened | timeout) → exit: a valid flow to break one rule at a time. */
const base = () =>
  rawFlow(
    [entry(), email('mail'), exit()],
    [
      tr('entry', 'mail', auto, 'e1'),
      tr('mail', 'exit', on('opened'), 'm1'),
      tr('mail', 'exit', after(3), 'm2'),
    ],
  );

describe('validateFlow', () => {
  it('accepts a small valid flow with no issues and returns the parsed document', () => {
    const result = validateFlow(base());
    expect(result.issues).toEqual([]);
    expect(result.document?.nodes.map((n) => n.id)).toEqual(['entry', 'mail', 'exit']);
  });

  it('reports a flow without an entry', () => {
    const flow = rawFlow([email('mail'), exit()], [tr('mail', 'exit', after(1))]);
    expect(codes(flow)).toContain('no_entry');
  });

  it('reports a node no entry leads to, but not a note', () => {
    const flow = base();
    flow.nodes.push({ id: 'lost', type: 'exit', name: 'lost', config: {} });
    flow.nodes.push({ id: 'memo', type: 'note', name: 'memo', config: { text: 'hola' } });
    expect(find(flow, 'unreachable_node').map((i) => i.nodeId)).toEqual(['lost']);
  });

  it('warns about a late-send policy on a step that sends nothing, and accepts one on an email', () => {
    const flow = base();
    const late = { action: 'skip', after: { amount: 2, unit: 'days' } };
    const mail = flow.nodes.find((n) => n.id === 'mail');
    const end = flow.nodes.find((n) => n.id === 'exit');
    if (!mail || !end) throw new Error('base flow changed');
    Object.assign(mail, { stalePolicy: late });
    expect(validateFlow(flow).issues).toEqual([]);
    Object.assign(end, { stalePolicy: late });
    expect(find(flow, 'stale_policy_ignored')).toEqual([
      {
        code: 'stale_policy_ignored',
        severity: 'warning',
        nodeId: 'exit',
        path: ['nodes', 2, 'stalePolicy'],
        params: { type: 'exit' },
      },
    ]);
  });

  it('reports a dead end on a non-terminal node', () => {
    const flow = rawFlow([entry(), email('mail')], [tr('entry', 'mail', auto)]);
    expect(find(flow, 'dead_end').map((i) => i.nodeId)).toEqual(['mail']);
  });

  it('reports outgoing transitions on a terminal node', () => {
    const flow = base();
    flow.nodes.push({ id: 'again', type: 'exit', name: 'again', config: {} });
    flow.transitions.push(tr('exit', 'again', auto, 'x1'));
    expect(find(flow, 'terminal_has_outgoing').map((i) => i.transitionId)).toEqual(['x1']);
  });

  it('reports a trigger the source type does not allow', () => {
    const flow = rawFlow([entry(), exit()], [tr('entry', 'exit', on('opened'), 'bad')]);
    const [issue] = find(flow, 'trigger_not_allowed');
    expect(issue).toMatchObject({
      transitionId: 'bad',
      nodeId: 'entry',
      params: { trigger: 'signal', type: 'entry' },
    });
  });

  it('reports a second auto transition and a second timeout', () => {
    const flow = base();
    flow.transitions.push(tr('entry', 'exit', { kind: 'delay', amount: 1, unit: 'hours' }, 'e2'));
    flow.transitions.push(tr('mail', 'exit', after(9), 'm3'));
    expect(find(flow, 'multiple_auto').map((i) => i.transitionId)).toEqual(['e2']);
    expect(find(flow, 'multiple_timeout').map((i) => i.transitionId)).toEqual(['m3']);
  });

  it('reports two transitions for one signal, but allows any click next to a click on one link', () => {
    const flow = base();
    flow.nodes[1] = {
      ...email('mail'),
      name: 'mail',
      config: { subject: 's', body: 'b', links: [{ id: 'a', url: 'https://a.example' }] },
    };
    flow.transitions.push(tr('mail', 'exit', on('opened'), 'dup'));
    flow.transitions.push(tr('mail', 'exit', on('clicked'), 'c1'));
    flow.transitions.push(tr('mail', 'exit', on('clicked', 'a'), 'c2'));
    expect(find(flow, 'duplicate_signal').map((i) => i.transitionId)).toEqual(['dup']);
  });

  it('reports a link on a signal other than clicked, and a link the email lacks', () => {
    const flow = base();
    flow.transitions.push(tr('mail', 'exit', on('replied', 'x'), 'r1'));
    flow.transitions.push(tr('mail', 'exit', on('clicked', 'nowhere'), 'c1'));
    expect(find(flow, 'link_without_click').map((i) => i.transitionId)).toEqual(['r1']);
    expect(find(flow, 'unknown_link').map((i) => i.transitionId)).toEqual(['r1', 'c1']);
  });

  it('warns about a waiting node without a timeout', () => {
    const flow = rawFlow(
      [entry(), email('mail'), exit()],
      [tr('entry', 'mail', auto), tr('mail', 'exit', on('opened'))],
    );
    const [issue] = find(flow, 'waiting_without_timeout');
    expect(issue).toMatchObject({ severity: 'warning', nodeId: 'mail' });
  });

  it('reports a cycle without a wait, with its path', () => {
    const flow = rawFlow(
      [
        entry(),
        { id: 'b', type: 'branch' },
        { id: 'u', type: 'update', config: { addTags: ['x'] } },
        exit(),
      ],
      [
        tr('entry', 'b', auto),
        tr('b', 'u', { kind: 'condition', order: 0, rule: { kind: 'tag', tag: 'x', has: false } }),
        tr('b', 'exit', { kind: 'else' }),
        tr('u', 'b', auto),
      ],
    );
    const [issue] = find(flow, 'cycle_without_wait');
    expect(issue).toMatchObject({ nodeId: 'b', params: { path: ['b', 'u', 'b'] } });
  });

  it('accepts a cycle that passes a delay or a wait node', () => {
    const flow = rawFlow(
      [entry(), { id: 'b', type: 'branch' }, { id: 'w', type: 'wait' }, exit()],
      [
        tr('entry', 'b', auto),
        tr('b', 'w', { kind: 'condition', order: 0, rule: { kind: 'tag', tag: 'x', has: false } }),
        tr('b', 'exit', { kind: 'else' }),
        tr('w', 'b', auto),
      ],
    );
    expect(codes(flow)).not.toContain('cycle_without_wait');
  });

  it('reports split weights that do not add up to 100', () => {
    const flow = rawFlow(
      [entry(), { id: 's', type: 'split' }, exit('x'), exit('y')],
      [
        tr('entry', 's', auto),
        tr('s', 'x', { kind: 'split', weight: 60 }),
        tr('s', 'y', { kind: 'split', weight: 30 }),
      ],
    );
    expect(find(flow, 'split_weights_sum')[0]).toMatchObject({ nodeId: 's', params: { sum: 90 } });
  });

  it('reports a branch without an else', () => {
    const flow = rawFlow(
      [entry(), { id: 'b', type: 'branch' }, exit()],
      [
        tr('entry', 'b', auto),
        tr('b', 'exit', { kind: 'condition', order: 0, rule: { kind: 'stage', in: ['lead'] } }),
      ],
    );
    expect(find(flow, 'branch_without_else').map((i) => i.nodeId)).toEqual(['b']);
  });

  it('reports an engagement signal with no email before it on any path as an error', () => {
    const flow = rawFlow(
      [entry(), { id: 'call', type: 'call', config: { script: 'Hola' } }, exit()],
      [
        tr('entry', 'call', auto),
        tr('call', 'exit', on('opened'), 'o1'),
        tr('call', 'exit', after(2)),
      ],
    );
    const [issue] = find(flow, 'engagement_without_message');
    expect(issue).toMatchObject({
      severity: 'error',
      transitionId: 'o1',
      params: { signal: 'opened', paths: 'all' },
    });
  });

  it('reports an engagement signal missing its email on some paths as a warning', () => {
    const flow = rawFlow(
      [
        entry(),
        { id: 's', type: 'split' },
        email('mail'),
        { id: 'call', type: 'call', config: { script: 'Hola' } },
        exit(),
      ],
      [
        tr('entry', 's', auto),
        tr('s', 'mail', { kind: 'split', weight: 50 }),
        tr('s', 'call', { kind: 'split', weight: 50 }),
        tr('mail', 'call', after(1)),
        tr('call', 'exit', on('opened'), 'o1'),
        tr('call', 'exit', after(2)),
      ],
    );
    expect(find(flow, 'engagement_without_message')[0]).toMatchObject({
      severity: 'warning',
      params: { paths: 'some' },
    });
  });

  it('reports a condition that can never hold', () => {
    const rule = {
      kind: 'group',
      combinator: 'and',
      rules: [
        { kind: 'attribute', path: 'score', type: 'number', test: { op: 'gt', value: 9 } },
        { kind: 'attribute', path: 'score', type: 'number', test: { op: 'lt', value: 5 } },
      ],
    };
    const flow = rawFlow(
      [entry(), { id: 'b', type: 'branch' }, exit()],
      [
        tr('entry', 'b', auto),
        tr('b', 'exit', { kind: 'condition', order: 0, rule }, 'c'),
        tr('b', 'exit', { kind: 'else' }),
      ],
    );
    expect(find(flow, 'condition_never_holds')[0]).toMatchObject({
      transitionId: 'c',
      params: { subject: 'score' },
    });
  });

  it('reports merge fields the workspace lacks only when its fields are given', () => {
    const flow = base();
    flow.nodes[1] = {
      ...email('mail'),
      name: 'mail',
      config: { subject: 'Hola {{ lead.apodo }}', body: '{{ lead.country }}' },
    };
    expect(codes(flow)).not.toContain('unknown_merge_field');
    const issues = find(flow, 'unknown_merge_field', { knownFields: ['country'] });
    expect(issues).toEqual([
      {
        code: 'unknown_merge_field',
        severity: 'error',
        nodeId: 'mail',
        path: ['config', 'subject'],
        params: { field: 'apodo' },
      },
    ]);
  });

  it('reports entry segments that do not exist only when the segments are given', () => {
    const flow = base();
    flow.nodes[0] = {
      ...entry(),
      name: 'entry',
      config: { sources: [{ kind: 'segment', segmentId: 'vip' }] },
    };
    expect(codes(flow)).not.toContain('unknown_segment');
    expect(find(flow, 'unknown_segment', { knownSegments: ['other'] })[0]).toMatchObject({
      nodeId: 'entry',
      path: ['config', 'sources', 0, 'segmentId'],
    });
  });

  it('reports unknown node types, duplicate ids and dangling transitions, still returning the document', () => {
    const flow = base();
    flow.nodes.push({ id: 'fax', type: 'fax', name: 'fax', config: {} });
    flow.nodes.push({ id: 'mail', type: 'exit', name: 'dup', config: {} });
    flow.transitions.push(tr('mail', 'ghost', on('replied'), 'g1'));
    const result = validateFlow(flow);
    expect(result.document).not.toBeNull();
    const located = result.issues.map((i) => [i.code, i.nodeId ?? i.transitionId]);
    expect(located).toEqual(
      expect.arrayContaining([
        ['unknown_node_type', 'fax'],
        ['duplicate_node_id', 'mail'],
        ['dangling_transition', 'g1'],
      ]),
    );
  });

  it('reports a validity period that ends before it starts, and a budget the fixed cost eats', () => {
    const flow = {
      ...base(),
      settings: {
        code: 'T1',
        name: 'Test',
        validFrom: '2026-12-01',
        validTo: '2026-11-01',
        fixedCost: 500,
        budgetCap: 400,
      },
    };
    expect(validateFlow(flow).issues.map((i) => [i.code, i.severity, i.path])).toEqual([
      ['validity_period_empty', 'error', ['settings', 'validTo']],
      ['budget_below_fixed_cost', 'warning', ['settings', 'budgetCap']],
    ]);
  });

  it('treats events named like Object methods as plain events', () => {
    const flow = base();
    flow.transitions.push(tr('mail', 'exit', on('constructor'), 'odd'));
    flow.transitions.push(tr('mail', 'exit', on('toString'), 'odd2'));
    expect(validateFlow(flow).issues).toEqual([]);
  });
});
