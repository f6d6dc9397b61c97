import { describe, expect, it } from 'vitest';
import { checkInputLimits, DEFAULT_INPUT_LIMITS } from './input-limits.ts';
import { after, auto, email, entry, exit, on, rawFlow, tr } from './raw-flow.test-support.ts';
import { validateFlow } from './validate-flow.ts';

const codes = (input: unknown, options = {}) =>
  validateFlow(input, options).issues.map((i) => i.code);

const base = () =>
  rawFlow(
    [entry(), email('mail'), exit()],
    [
      tr('entry', 'mail', auto, 'e1'),
      tr('mail', 'exit', on('opened'), 'm1'),
      tr('mail', 'exit', after(3), 'm2'),
    ],
  );

describe('validateFlow on bad input', () => {
  it('locates schema errors by path and reports a NaN or negative cost as an invalid cost', () => {
    const flow = base();
    flow.nodes[1] = { ...email('mail'), name: 'mail', cost: Number.NaN };
    flow.nodes[2] = { ...exit(), name: 'exit', cost: -1 };
    flow.transitions.push({
      id: 'bad',
      source: 'mail',
      target: 'exit',
      trigger: { kind: 'teleport' },
    });
    const result = validateFlow(flow);
    expect(result.document).toBeNull();
    const costs = result.issues.filter((i) => i.code === 'invalid_cost');
    expect(costs.map((i) => [i.nodeId, i.params.value])).toEqual([
      ['mail', 'NaN'],
      ['exit', '-1'],
    ]);
    const schema = result.issues.find((i) => i.code === 'schema_invalid');
    expect(schema).toMatchObject({
      transitionId: 'bad',
      path: ['transitions', 3, 'trigger', 'kind'],
    });
  });

  it('keeps checking the graph when part of the document is broken', () => {
    const flow = base();
    flow.nodes[2] = { ...exit(), name: 'exit', cost: 'cheap' };
    flow.nodes.push({ id: 'lost', type: 'exit', name: 'lost', config: {} });
    const result = validateFlow(flow);
    expect(result.issues.map((i) => i.code)).toEqual(['invalid_cost', 'unreachable_node']);
  });

  it('returns an issue, not an exception, for input that is not a flow', () => {
    for (const input of [null, 42, 'flow', [], undefined]) {
      const result = validateFlow(input);
      expect(result.document).toBeNull();
      expect(result.issues.length).toBeGreaterThan(0);
    }
  });

  it('stops at deep nesting and at cyclic objects with a located issue', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { rules: [deep] };
    const result = validateFlow({ ...base(), nodes: [deep] });
    expect(result.issues[0]).toMatchObject({ code: 'document_too_deep', severity: 'error' });
    expect(result.issues[0]?.path?.slice(0, 3)).toEqual(['nodes', 0, 'rules']);
    const cyclic: Record<string, unknown> = { schemaVersion: 1 };
    cyclic.self = cyclic;
    expect(codes(cyclic)).toEqual(['document_too_deep']);
  });

  it('refuses a flow with more nodes than allowed before parsing it', () => {
    const flow = base();
    const result = validateFlow(flow, { maxNodes: 2 });
    expect(result.issues).toEqual([
      {
        code: 'document_too_large',
        severity: 'error',
        path: ['nodes'],
        params: { nodes: 3, maxNodes: 2 },
      },
    ]);
  });

  it('turns a throwing getter into an internal-error issue instead of throwing', () => {
    const hostile = base();
    Object.defineProperty(hostile, 'settings', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(codes(hostile)).toEqual(['internal_error']);
  });

  it('reports a condition on "stage in []" as one that never holds, on its transition', () => {
    const flow = rawFlow(
      [entry(), { id: 'b', type: 'branch' }, exit()],
      [
        tr('entry', 'b', auto),
        tr('b', 'exit', { kind: 'condition', order: 0, rule: { kind: 'stage', in: [] } }, 'c1'),
        tr('b', 'exit', { kind: 'else' }),
      ],
    );
    const result = validateFlow(flow);
    expect(result.issues).toEqual([
      {
        code: 'condition_never_holds',
        severity: 'error',
        transitionId: 'c1',
        path: ['transitions', 1, 'trigger', 'rule', 'in'],
        params: { subject: 'stage' },
      },
    ]);
  });

  it('reports a NaN fixed cost of the campaign as an invalid cost', () => {
    const flow = { ...base(), settings: { code: 'T1', name: 'Test', fixedCost: Number.NaN } };
    expect(validateFlow(flow).issues).toEqual([
      {
        code: 'invalid_cost',
        severity: 'error',
        path: ['settings', 'fixedCost'],
        params: { value: 'NaN' },
      },
    ]);
  });

  it('locates a bad node config inside the config with what was expected', () => {
    const flow = base();
    flow.nodes[1] = { ...email('mail'), name: 'mail', config: { subject: 42, body: 'b' } };
    expect(validateFlow(flow).issues).toEqual([
      {
        code: 'config_invalid',
        severity: 'error',
        nodeId: 'mail',
        path: ['config', 'subject'],
        params: { zodCode: 'invalid_type', expected: 'string' },
      },
    ]);
  });

  it('stops at too many values or too much text before parsing anything', () => {
    const wide = { items: Array.from({ length: 50 }, (_, i) => i) };
    const limits = { ...DEFAULT_INPUT_LIMITS, maxValues: 20 };
    expect(checkInputLimits(wide, limits)).toMatchObject({
      code: 'document_too_large',
      path: ['items', 18],
    });
    const text = {
      ...base(),
      settings: { code: 'T', name: 'x'.repeat(DEFAULT_INPUT_LIMITS.maxTextLength + 1) },
    };
    expect(codes(text)).toEqual(['document_too_large']);
  });

  it('keeps the first 500 issues and says how many more there are', () => {
    const flow = base();
    for (let i = 0; i < 600; i++)
      flow.nodes.push({ id: `lost-${i}`, type: 'exit', name: 'x', config: {} });
    const { issues } = validateFlow(flow);
    expect(issues).toHaveLength(501);
    expect(issues[500]).toEqual({
      code: 'too_many_issues',
      severity: 'info',
      params: { dropped: 100 },
    });
  });

  it('accepts a branch condition nested as deep as a segment may be (32 groups)', () => {
    let rule: unknown = { kind: 'tag', tag: 'vip', has: true };
    for (let i = 0; i < 32; i++)
      rule = { kind: 'group', combinator: 'and', not: false, rules: [rule] };
    const flow = rawFlow(
      [entry(), { id: 'b', type: 'branch' }, exit()],
      [
        tr('entry', 'b', auto),
        tr('b', 'exit', { kind: 'condition', order: 0, rule: rule as Record<string, unknown> }),
        tr('b', 'exit', { kind: 'else' }),
      ],
    );
    expect(validateFlow(flow).issues).toEqual([]);
  });
});
