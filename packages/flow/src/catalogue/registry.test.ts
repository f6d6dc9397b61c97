import { describe, expect, it } from 'vitest';
import { asNodeId } from '../ids.ts';
import { NODE_TYPES } from './node-module.ts';
import {
  effectiveCost,
  findNodeModule,
  getNodeModule,
  isNodeType,
  nodeModules,
} from './registry.ts';

describe('node catalogue', () => {
  it('has one module per node type, in palette order, each named after its type', () => {
    expect(nodeModules.map((m) => m.type)).toEqual([...NODE_TYPES]);
  });

  it('gives every type labels and descriptions in Spanish and English', () => {
    for (const m of nodeModules) {
      for (const text of [m.label, m.description]) {
        expect(text.es.trim().length, `${m.type} es`).toBeGreaterThan(0);
        expect(text.en.trim().length, `${m.type} en`).toBeGreaterThan(0);
      }
    }
  });

  it('builds defaults that pass the type’s own config schema', () => {
    for (const m of nodeModules) {
      expect(m.configSchema.safeParse(m.defaults()).success, m.type).toBe(true);
      expect(m.configSchema.safeParse({}).success, `${m.type} from {}`).toBe(true);
    }
  });

  it('prices channels sensibly: email 0.01, sms 0.05, call 2.5, logic free', () => {
    expect(getNodeModule('email').defaultCost).toBe(0.01);
    expect(getNodeModule('sms').defaultCost).toBe(0.05);
    expect(getNodeModule('call').defaultCost).toBe(2.5);
    expect(getNodeModule('branch').defaultCost).toBe(0);
  });

  it('allows no outgoing triggers on goal, exit and note, and one auto on wait', () => {
    expect(getNodeModule('goal').allowedTriggers).toEqual([]);
    expect(getNodeModule('exit').allowedTriggers).toEqual([]);
    expect(getNodeModule('note').allowedTriggers).toEqual([]);
    expect(getNodeModule('wait').allowedTriggers).toEqual(['auto']);
  });

  it('lists the default call outcomes as the call node’s signals', () => {
    const call = getNodeModule('call');
    expect(call.signals(call.defaults())).toEqual([
      'objective_achieved',
      'interested',
      'not_interested',
      'no_answer',
    ]);
  });

  it('recognises known types and rejects others', () => {
    expect(isNodeType('email')).toBe(true);
    expect(isNodeType('fax')).toBe(false);
    expect(isNodeType('toString')).toBe(false);
    expect(findNodeModule('fax')).toBeUndefined();
  });

  it('uses the node’s own cost when set and the type’s default otherwise', () => {
    const base = { id: asNodeId('n1'), type: 'sms', name: 'SMS', config: {} };
    expect(effectiveCost(base)).toBe(0.05);
    expect(effectiveCost({ ...base, cost: 0.08 })).toBe(0.08);
  });

  it('returns the goal value from the goal config', () => {
    const goal = getNodeModule('goal');
    expect(goal.goalValue(goal.configSchema.parse({ value: 240 }))).toBe(240);
  });
});
