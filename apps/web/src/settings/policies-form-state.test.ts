import { checkContactPolicies } from '@rumbo/flow/policy';
import { describe, expect, it } from 'vitest';
import {
  checkPoliciesForm,
  fieldErrors,
  fieldKey,
  fromForm,
  newCapRow,
  newQuietRow,
  toForm,
} from './policies-form-state.ts';

const stored = {
  quietHours: [{ start: '21:00', end: '09:00', channels: ['email' as const, 'sms' as const] }],
  pressure: [
    {
      max: 2,
      period: { amount: 1, unit: 'weeks' as const },
      channels: ['call' as const],
      onLimit: 'skip' as const,
    },
  ],
};

describe('policies form state', () => {
  it('gives back exactly the stored policies when nothing was edited', () => {
    expect(checkContactPolicies(fromForm(toForm(stored)))).toEqual({
      policies: stored,
      issues: [],
    });
  });

  it('starts new rows at the usual night window and a weekly cap of three that pass the check', () => {
    const form = { quietHours: [newQuietRow()], pressure: [newCapRow()] };
    const { policies, issues } = checkPoliciesForm(form);
    expect(issues).toEqual([]);
    expect(policies?.quietHours[0]).toEqual({
      start: '21:00',
      end: '09:00',
      channels: ['email', 'sms'],
    });
    expect(policies?.pressure[0]?.max).toBe(3);
  });

  it('keeps half-typed numbers as typed, and the check puts the error on that field in Spanish', () => {
    const form = toForm(stored);
    const cap = form.pressure[0];
    if (!cap) throw new Error('expected a cap');
    form.pressure[0] = { ...cap, max: '-1', amount: '' };
    const errors = fieldErrors(checkPoliciesForm(form).issues, 'es');
    expect(Object.fromEntries(errors)).toEqual({
      'pressure.0.max': 'Debe ser como mínimo 1.',
      'pressure.0.amount': 'Falta este dato.',
    });
  });

  it('maps nested paths to the field that shows them, and list-level issues to the form', () => {
    expect(fieldKey(['pressure', 0, 'period', 'amount'])).toBe('pressure.0.amount');
    expect(fieldKey(['quietHours', 1, 'channels', 0])).toBe('quietHours.1.channels');
    expect(fieldKey(['quietHours'])).toBe('form');
  });
});
