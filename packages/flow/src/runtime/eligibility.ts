import type { Channel } from '../catalogue/node-module.ts';
import type { LeadSnapshot } from '../lead/lead.schema.ts';

/**
 * Whether a lead may be contacted on a channel right now, and if not why: the runner records
 * the reason on the step ("why is this lead here?"). Consent needs both the flag and an
 * address, as the simulator's send decision does; suppression is looked up by the caller.
 */
export type Eligibility = 'eligible' | 'no_consent' | 'no_address' | 'suppressed' | 'control';

export interface EligibilityFacts {
  /** The lead's address (or key, for `all`) is on a suppression list for this channel. */
  suppressed: boolean;
  /** The lead is in the campaign's control group. */
  control: boolean;
}

function address(channel: Channel, lead: LeadSnapshot): string | null {
  switch (channel) {
    case 'email':
      return lead.email;
    case 'sms':
    case 'call':
      return lead.phone;
    case 'webhook':
      return lead.key;
  }
}

function consented(channel: Channel, lead: LeadSnapshot): boolean {
  switch (channel) {
    case 'email':
      return lead.consent.email;
    case 'sms':
      return lead.consent.sms;
    case 'call':
      return lead.consent.call;
    case 'webhook':
      return true;
  }
}

export function sendEligibility(
  channel: Channel,
  lead: LeadSnapshot,
  facts: EligibilityFacts,
): Eligibility {
  if (facts.control) return 'control';
  if (!consented(channel, lead)) return 'no_consent';
  const to = address(channel, lead);
  if (to === null || to === '') return 'no_address';
  if (facts.suppressed) return 'suppressed';
  return 'eligible';
}

/** The address a channel sends to (email, phone, or the lead key for webhooks). */
export function channelAddress(channel: Channel, lead: LeadSnapshot): string | null {
  return address(channel, lead);
}
