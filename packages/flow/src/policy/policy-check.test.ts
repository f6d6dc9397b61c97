import { describe, expect, it } from 'vitest';
import { readContactPolicies } from './policy.schema.ts';
import { checkContactPolicies } from './policy-check.ts';
import { policyIssueMessage } from './policy-issue-messages.ts';

const night = { start: '21:00', end: '09:00', channels: ['email', 'sms'] };
const weekly = {
  max: 3,
  period: { amount: 7, unit: 'days' },
  channels: ['email'],
  onLimit: 'skip',
};

describe('checkContactPolicies', () => {
  it('accepts a window across midnight and a weekly cap, and the runner reads them back alike', () => {
    const { policies, issues } = checkContactPolicies({ quietHours: [night], pressure: [weekly] });
    expect(issues).toEqual([]);
    expect(policies).toEqual({ quietHours: [night], pressure: [weekly] });
    expect(readContactPolicies({ policies }).policies).toEqual(policies);
  });

  it('fills the defaults of an empty object: no windows, no caps', () => {
    expect(checkContactPolicies({})).toEqual({
      policies: { quietHours: [], pressure: [] },
      issues: [],
    });
  });

  it('locates a negative cap, an unknown channel, a bad clock and an unknown key', () => {
    const { policies, issues } = checkContactPolicies({
      quietHours: [{ start: '25:00', end: '09:00', channels: ['fax'] }],
      pressure: [{ ...weekly, max: -2 }],
      quietHour: [],
    });
    expect(policies).toBeNull();
    expect(issues).toEqual([
      { path: ['quietHours', 0, 'start'], code: 'invalid_clock', params: {} },
      {
        path: ['quietHours', 0, 'channels', 0],
        code: 'invalid_choice',
        params: { allowed: 'email, sms, call' },
      },
      { path: ['pressure', 0, 'max'], code: 'too_small', params: { minimum: 1 } },
      { path: ['quietHour'], code: 'unknown_field', params: {} },
    ]);
  });

  it('reports a window whose start equals its end, a zero period and a channel named twice', () => {
    const { policies, issues } = checkContactPolicies({
      quietHours: [{ start: '10:00', end: '10:00', channels: ['sms', 'sms'] }],
      pressure: [{ ...weekly, period: { amount: 0, unit: 'days' }, channels: [] }],
    });
    expect(policies).toBeNull();
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['pressure.0.channels', 'no_channel'],
    ]);
    const second = checkContactPolicies({
      quietHours: [{ start: '10:00', end: '10:00', channels: ['sms', 'sms'] }],
      pressure: [{ ...weekly, period: { amount: 0, unit: 'days' } }],
    });
    expect(second.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['quietHours.0.end', 'empty_window'],
      ['quietHours.0.channels.1', 'duplicate_channel'],
      ['pressure.0.period.amount', 'zero_period'],
    ]);
  });

  it('says what is wrong in Spanish and English with the issue’s values', () => {
    const { issues } = checkContactPolicies({ quietHours: [{ ...night, end: '21:00' }] });
    const [empty] = issues;
    if (!empty) throw new Error('expected an issue');
    expect(policyIssueMessage(empty, 'es')).toBe(
      'El inicio y el fin son la misma hora (21:00): la franja no cubriría nada.',
    );
    expect(policyIssueMessage(empty, 'en')).toBe(
      'Start and end are the same time (21:00): the window would cover nothing.',
    );
  });

  it('reports a fractional cap and a missing period without throwing', () => {
    const { issues } = checkContactPolicies({ pressure: [{ max: 1.5, channels: ['call'] }] });
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['pressure.0.max', 'not_integer'],
      ['pressure.0.period', 'required'],
    ]);
    expect(checkContactPolicies('nonsense').issues).toEqual([
      { path: [], code: 'invalid_type', params: { expected: 'object' } },
    ]);
  });
});
