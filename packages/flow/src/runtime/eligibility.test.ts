import { describe, expect, it } from 'vitest';
import type { LeadSnapshot } from '../lead/lead.schema.ts';
import { sendEligibility } from './eligibility.ts';

const lead: LeadSnapshot = {
  key: 'k1',
  name: 'Ana',
  email: 'ana@example.com',
  phone: null,
  locale: 'es',
  timeZone: 'UTC',
  stage: 'lead',
  consent: { email: true, sms: true, call: false },
  attributes: {},
  tags: [],
  lists: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  events: [],
};
const clean = { suppressed: false, control: false };

describe('sendEligibility', () => {
  it('lets a consenting lead with an address receive the message', () => {
    expect(sendEligibility('email', lead, clean)).toBe('eligible');
  });
  it('says no_consent before anything else but the control group', () => {
    expect(sendEligibility('call', lead, { suppressed: true, control: false })).toBe('no_consent');
    expect(sendEligibility('call', lead, { suppressed: false, control: true })).toBe('control');
  });
  it('says no_address when consent is given but there is nowhere to send', () => {
    expect(sendEligibility('sms', lead, clean)).toBe('no_address');
  });
  it('says suppressed for an address on a suppression list', () => {
    expect(sendEligibility('email', lead, { suppressed: true, control: false })).toBe('suppressed');
  });
});
