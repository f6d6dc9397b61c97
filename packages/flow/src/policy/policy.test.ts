import { describe, expect, it } from 'vitest';
import {
  describePolicyReason,
  POLICY_REASON_LABELS,
  stepPolicyText,
} from '../labels/policy-reasons.ts';
import { allocateBudget } from './budget.ts';
import { PressureCap, QuietHours, readContactPolicies } from './policy.schema.ts';
import { pressureVerdict } from './pressure.ts';
import { quietHoursUntil } from './quiet-hours.ts';
import { decideSendPolicies, POLICY_REASON_CODES } from './send-policy.ts';

const night = QuietHours.parse({ start: '21:00', end: '09:00' });
const HOUR = 3_600_000;

describe('quietHoursUntil', () => {
  it('defers a send at 23:30 in Mexico City to 09:00 local the next morning', () => {
    // 2026-03-10T05:30Z is 23:30 on the 9th in Mexico City (UTC−6).
    const now = Date.parse('2026-03-10T05:30:00Z');
    const until = quietHoursUntil([night], 'email', 'America/Mexico_City', now);
    expect(until).toBe(Date.parse('2026-03-10T15:00:00Z'));
  });

  it('defers a Madrid lead at 06:30 to 09:00 local and lets noon through', () => {
    const now = Date.parse('2026-03-10T05:30:00Z'); // 06:30 in Madrid (UTC+1)
    expect(quietHoursUntil([night], 'email', 'Europe/Madrid', now)).toBe(
      Date.parse('2026-03-10T08:00:00Z'),
    );
    const noon = Date.parse('2026-03-10T11:00:00Z');
    expect(quietHoursUntil([night], 'email', 'Europe/Madrid', noon)).toBeNull();
  });

  it('ignores channels the window does not list and empty windows', () => {
    const now = Date.parse('2026-03-10T23:00:00Z');
    expect(quietHoursUntil([night], 'call', 'UTC', now)).toBeNull();
    const empty = QuietHours.parse({ start: '10:00', end: '10:00' });
    expect(quietHoursUntil([empty], 'email', 'UTC', now)).toBeNull();
  });

  it('follows chained windows to the end of the last one', () => {
    const late = QuietHours.parse({ start: '20:00', end: '22:00' });
    const later = QuietHours.parse({ start: '22:00', end: '07:00' });
    const now = Date.parse('2026-03-10T20:30:00Z');
    expect(quietHoursUntil([late, later], 'sms', 'UTC', now)).toBe(
      Date.parse('2026-03-11T07:00:00Z'),
    );
  });

  it('treats an unknown time zone as UTC instead of failing', () => {
    const now = Date.parse('2026-03-10T23:00:00Z');
    expect(quietHoursUntil([night], 'email', 'Mars/Olympus', now)).toBe(
      Date.parse('2026-03-11T09:00:00Z'),
    );
  });
});

describe('pressureVerdict', () => {
  const cap = PressureCap.parse({ max: 2, period: { amount: 1, unit: 'days' } });
  const now = Date.parse('2026-03-10T12:00:00Z');

  it('allows a contact while fewer than max fall in the period', () => {
    const contacts = [{ atMs: now - 2 * HOUR, channel: 'email' as const }];
    expect(pressureVerdict([cap], 'sms', contacts, now)).toEqual({ kind: 'ok' });
  });

  it('defers until the oldest counted contact leaves the period', () => {
    const contacts = [
      { atMs: now - 30 * HOUR, channel: 'email' as const }, // outside the day
      { atMs: now - 5 * HOUR, channel: 'email' as const },
      { atMs: now - 1 * HOUR, channel: 'sms' as const },
    ];
    const verdict = pressureVerdict([cap], 'email', contacts, now);
    expect(verdict).toMatchObject({ kind: 'defer', count: 2, untilMs: now + 19 * HOUR + 1 });
  });

  it('skips instead when the cap says so, and never caps webhooks', () => {
    const skip = PressureCap.parse({ ...cap, onLimit: 'skip' });
    const contacts = [
      { atMs: now - HOUR, channel: 'email' as const },
      { atMs: now - HOUR, channel: 'email' as const },
    ];
    expect(pressureVerdict([skip], 'email', contacts, now)).toMatchObject({ kind: 'skip' });
    expect(pressureVerdict([skip], 'webhook', contacts, now)).toEqual({ kind: 'ok' });
  });

  it('counts only the channels a cap lists', () => {
    const smsOnly = PressureCap.parse({ ...cap, channels: ['sms'] });
    const contacts = [
      { atMs: now - HOUR, channel: 'email' as const },
      { atMs: now - HOUR, channel: 'email' as const },
    ];
    expect(pressureVerdict([smsOnly], 'sms', contacts, now)).toEqual({ kind: 'ok' });
    expect(pressureVerdict([smsOnly], 'email', contacts, now)).toEqual({ kind: 'ok' });
  });
});

describe('allocateBudget', () => {
  it('lets sends act in order while their cost fits what fixed cost and spend leave', () => {
    const fits = allocateBudget({
      budgetCap: 1,
      fixedCost: 0.5,
      spent: 0.2,
      cost: 0.1,
      candidates: 5,
    });
    expect(fits).toEqual([true, true, true, false, false]);
  });

  it('never caps without a budget or for free actions', () => {
    expect(
      allocateBudget({ budgetCap: null, fixedCost: 9, spent: 9, cost: 1, candidates: 2 }),
    ).toEqual([true, true]);
    expect(
      allocateBudget({ budgetCap: 0, fixedCost: 0, spent: 0, cost: 0, candidates: 1 }),
    ).toEqual([true]);
  });
});

describe('decideSendPolicies', () => {
  const now = Date.parse('2026-03-10T22:00:00Z');
  const policies = readContactPolicies({
    policies: { quietHours: [night], pressure: [{ max: 1, period: { amount: 7, unit: 'days' } }] },
  }).policies;

  it('defers for quiet hours first, then pressure, and spends the budget only on real sends', () => {
    const verdicts = decideSendPolicies({
      channel: 'email',
      nowMs: now,
      policies,
      budget: { budgetCap: 0.02, fixedCost: 0, spent: 0, cost: 0.01 },
      candidates: [
        { timeZone: 'UTC', contacts: [] }, // 22:00: quiet
        { timeZone: 'Asia/Tokyo', contacts: [{ atMs: now - HOUR, channel: 'sms' }] }, // 07:00: quiet
        { timeZone: 'America/New_York', contacts: [{ atMs: now - HOUR, channel: 'sms' }] }, // 18:00, capped
        { timeZone: 'America/New_York', contacts: [] },
        { timeZone: 'America/Los_Angeles', contacts: [] },
        { timeZone: 'America/Chicago', contacts: [] },
      ],
    });
    expect(
      verdicts.map((v) => (v.kind === 'send' ? 'send' : `${v.kind}:${v.reason.code}`)),
    ).toEqual([
      'defer:quiet_hours',
      'defer:quiet_hours',
      'defer:pressure_cap',
      'send',
      'send',
      'skip:budget_exhausted',
    ]);
    expect(verdicts[0]).toMatchObject({ untilMs: Date.parse('2026-03-11T09:00:00Z') });
  });
});

describe('readContactPolicies', () => {
  it('reads no policies from empty settings and reports a malformed one with its path', () => {
    expect(readContactPolicies({})).toEqual({
      policies: { quietHours: [], pressure: [] },
      issues: [],
    });
    const bad = readContactPolicies({ policies: { quietHours: [{ start: '9pm', end: '09:00' }] } });
    expect(bad.policies.quietHours).toEqual([]);
    expect(bad.issues[0]).toMatch(/^policies\.quietHours\.0\.start: /);
  });
});

describe('policy reason labels', () => {
  it('has a Spanish and an English name for every reason code', () => {
    for (const code of POLICY_REASON_CODES) {
      expect(POLICY_REASON_LABELS[code].es.length).toBeGreaterThan(0);
      expect(POLICY_REASON_LABELS[code].en.length).toBeGreaterThan(0);
    }
  });

  it("says until when a quiet-hours deferral waits, on the lead's clock", () => {
    const reason = {
      code: 'quiet_hours',
      until: '2026-03-10T15:00:00.000Z',
      timeZone: 'America/Mexico_City',
    } as const;
    expect(describePolicyReason(reason, 'es')).toMatch(
      /^Horario de silencio: aplazado hasta .*9:00/,
    );
    expect(describePolicyReason(reason, 'en')).toMatch(/^Quiet hours: deferred until .*9:00/);
    const pressure = {
      code: 'pressure_cap',
      max: 3,
      count: 3,
      period: { amount: 7, unit: 'days' },
      until: null,
    } as const;
    expect(describePolicyReason(pressure, 'es')).toBe(
      'Presión comercial (3/3 en 7 días): envío omitido',
    );
  });

  it('reads the policy line straight from a stored step reason, and nothing from other reasons', () => {
    const reason = {
      eligibility: 'eligible',
      policy: { code: 'budget_exhausted', budgetCap: 500 },
    };
    expect(stepPolicyText(reason, 'en')).toBe('Budget spent (500): send skipped');
    expect(stepPolicyText({ eligibility: 'no_consent' }, 'es')).toBeNull();
    expect(stepPolicyText({ policy: { code: 'unknown' } }, 'es')).toBeNull();
    expect(stepPolicyText(null, 'es')).toBeNull();
  });
});
