import { describe, expect, it } from 'vitest';
import { Transition } from '../../document/flow.schema.ts';
import { asNodeId } from '../../ids.ts';
import { branchNode } from './branch.node.ts';
import { callNode } from './call.node.ts';

const tr = (id: string, trigger: unknown) =>
  Transition.parse({ id, source: 'n1', target: 'n2', trigger });
const context = (type: string, outgoing: Transition[]) => ({
  node: { id: asNodeId('n1'), type, name: type, config: {} },
  outgoing,
});
const summary = (
  issues: { code: string; severity: string; transitionId?: string; params: object }[],
) => issues.map((i) => [i.code, i.severity, i.transitionId ?? null, i.params]);

describe('call node', () => {
  it('warns about an outcome no transition follows, and only hints when a timeout ends the wait', () => {
    const config = callNode.configSchema.parse({ script: 'Hola' });
    const handled = ['objective_achieved', 'interested', 'not_interested'].map((s) =>
      tr(s, { kind: 'signal', signal: s }),
    );
    expect(summary(callNode.validate(config, context('call', handled)))).toEqual([
      ['call_outcome_unhandled', 'warning', null, { outcome: 'no_answer' }],
    ]);
    const withTimeout = [...handled, tr('t', { kind: 'timeout', amount: 2, unit: 'days' })];
    expect(summary(callNode.validate(config, context('call', withTimeout)))).toEqual([
      ['call_outcome_unhandled', 'info', null, { outcome: 'no_answer' }],
    ]);
  });

  it('reports a repeated outcome and a missing script', () => {
    const label = { es: 'Sí', en: 'Yes' };
    const config = callNode.configSchema.parse({
      outcomes: [
        { id: 'yes', label },
        { id: 'yes', label },
      ],
    });
    const outgoing = [tr('y', { kind: 'signal', signal: 'yes' })];
    expect(summary(callNode.validate(config, context('call', outgoing))).map((s) => s[0])).toEqual([
      'call_script_missing',
      'call_outcome_duplicate',
    ]);
  });

  it('rejects outcome ids that are not snake_case', () => {
    const bad = { outcomes: [{ id: 'Call Back', label: { es: 'x', en: 'x' } }] };
    expect(callNode.configSchema.safeParse(bad).success).toBe(false);
  });
});

describe('branch node', () => {
  const condition = (id: string) =>
    tr(id, { kind: 'condition', order: 0, rule: { kind: 'tag', tag: 'vip', has: true } });

  it('rejects a timeout and a second else on a routing branch', () => {
    const config = branchNode.configSchema.parse({ mode: 'route' });
    const outgoing = [
      condition('c'),
      tr('e1', { kind: 'else' }),
      tr('e2', { kind: 'else' }),
      tr('t', { kind: 'timeout', amount: 1, unit: 'days' }),
    ];
    expect(
      summary(branchNode.validate(config, context('branch', outgoing))).map((s) => [s[0], s[2]]),
    ).toEqual([
      ['branch_multiple_else', 'e2'],
      ['trigger_not_allowed', 't'],
    ]);
  });

  it('requires a holding branch to wait for a condition, without else, with a timeout', () => {
    const config = branchNode.configSchema.parse({ mode: 'hold' });
    expect(
      summary(branchNode.validate(config, context('branch', [tr('e', { kind: 'else' })]))).map(
        (s) => s[0],
      ),
    ).toEqual(['branch_without_condition', 'branch_hold_with_else', 'waiting_without_timeout']);
    const good = [condition('c'), tr('t', { kind: 'timeout', amount: 30, unit: 'days' })];
    expect(branchNode.validate(config, context('branch', good))).toEqual([]);
  });
});
