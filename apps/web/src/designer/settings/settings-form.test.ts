import { CampaignSettings } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import {
  codeTaken,
  fromFormValues,
  type SettingsFormValues,
  toFormValues,
} from './settings-form.ts';

const base = CampaignSettings.parse({ code: 'RET045', name: 'Retención', seed: 'fijo-123' });
const form = (patch: Partial<SettingsFormValues>): SettingsFormValues => ({
  ...toFormValues(base),
  ...patch,
});

describe('campaign settings form', () => {
  it('gives back the same settings when nothing was changed', () => {
    expect(fromFormValues(toFormValues(base), base)).toEqual({ ok: true, settings: base });
  });

  it('builds every field the panel shows and keeps the hashing seed', () => {
    const result = fromFormValues(
      form({
        description: 'Clientes sin compra en 90 días',
        validFrom: '2026-01-01',
        validTo: '2026-03-31',
        currency: 'usd',
        fixedCost: 120,
        budgetCap: 800,
        goal: true,
        goalSignal: 'purchased',
        goalAmount: 14,
        goalUnit: 'days',
        goalValue: 35,
        controlShare: 10,
        reentry: 'afterCooldown',
        cooldownAmount: 2,
        cooldownUnit: 'months',
        mode: 'live',
      }),
      base,
    );
    expect(result).toEqual({
      ok: true,
      settings: {
        ...base,
        description: 'Clientes sin compra en 90 días',
        validFrom: '2026-01-01',
        validTo: '2026-03-31',
        currency: 'USD',
        fixedCost: 120,
        budgetCap: 800,
        conversionGoal: { signal: 'purchased', window: { amount: 14, unit: 'days' }, value: 35 },
        controlShare: 10,
        reentry: { kind: 'afterCooldown', duration: { amount: 2, unit: 'months' } },
        mode: 'live',
        seed: 'fijo-123',
      },
    });
  });

  it('reads an empty budget as no cap and an unticked goal as none', () => {
    const result = fromFormValues(form({ budgetCap: undefined, goal: false }), base);
    expect(result.ok && result.settings.budgetCap).toBe(null);
    expect(result.ok && result.settings.conversionGoal).toBe(null);
  });

  it('puts each error next to its own field, in words the panel translates', () => {
    const result = fromFormValues(
      form({
        code: '  ',
        currency: 'euros',
        controlShare: 80,
        budgetCap: -5,
        validFrom: '2026-02-30',
        goal: true,
        goalAmount: undefined,
      }),
      base,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        code: { key: 'required' },
        currency: { key: 'currency' },
        controlShare: { key: 'max', params: { max: 50 } },
        budgetCap: { key: 'min', params: { min: 0 } },
        validFrom: { key: 'date' },
        goalAmount: { key: 'required' },
      },
    });
  });

  it('refuses a validity that ends before it starts, on the end date', () => {
    const result = fromFormValues(form({ validFrom: '2026-05-01', validTo: '2026-04-30' }), base);
    expect(result).toEqual({ ok: false, errors: { validTo: { key: 'toBeforeFrom' } } });
  });

  it('asks for a whole number of days in the re-entry wait', () => {
    const result = fromFormValues(form({ reentry: 'afterCooldown', cooldownAmount: 1.5 }), base);
    expect(result).toEqual({ ok: false, errors: { cooldownAmount: { key: 'integer' } } });
  });

  it('stores the late-send policy the marketer types, and none for an untouched default', () => {
    expect(toFormValues(base)).toMatchObject({
      lateAction: 'send',
      lateAmount: 1,
      lateUnit: 'days',
    });
    const untouched = fromFormValues(toFormValues(base), base);
    expect(untouched.ok && untouched.settings.stalePolicy).toBeUndefined();
    const typed = fromFormValues(
      form({ lateAction: 'skip', lateAmount: 6, lateUnit: 'hours' }),
      base,
    );
    const policy = { action: 'skip', after: { amount: 6, unit: 'hours' } };
    expect(typed.ok && typed.settings.stalePolicy).toEqual(policy);
    // Once set, even back to the default's values, it stays set: the marketer chose it.
    const set = CampaignSettings.parse({ ...base, stalePolicy: policy });
    expect(toFormValues(set)).toMatchObject({
      lateAction: 'skip',
      lateAmount: 6,
      lateUnit: 'hours',
    });
    const back = fromFormValues(
      { ...toFormValues(set), lateAction: 'send', lateAmount: 1, lateUnit: 'days' },
      set,
    );
    expect(back.ok && back.settings.stalePolicy).toEqual({
      action: 'send',
      after: { amount: 1, unit: 'days' },
    });
  });

  it('asks for a whole number in the late-send tolerance, next to it', () => {
    expect(fromFormValues(form({ lateAction: 'skip', lateAmount: 2.5 }), base)).toEqual({
      ok: false,
      errors: { lateAmount: { key: 'integer' } },
    });
    expect(fromFormValues(form({ lateAction: 'skip', lateAmount: undefined }), base)).toEqual({
      ok: false,
      errors: { lateAmount: { key: 'required' } },
    });
  });

  it('knows a code another campaign uses, in any case, but not the campaign own code', () => {
    const campaigns = [
      { id: 'a', code: 'RET045' },
      { id: 'b', code: 'BIEN01' },
    ];
    expect(codeTaken(' bien01 ', campaigns, 'a')).toBe(true);
    expect(codeTaken('RET045', campaigns, 'a')).toBe(false);
    expect(codeTaken('NUEVO1', campaigns, 'a')).toBe(false);
  });
});
