import { z } from 'zod';
import { Clock } from '../catalogue/config-fields.ts';
import { Duration } from '../segment/rule.schema.ts';

/** Channels a contact policy can govern; webhooks reach systems, not people. */
export const CONTACT_CHANNELS = ['email', 'sms', 'call'] as const;
export const ContactChannel = z.enum(CONTACT_CHANNELS);
export type ContactChannel = z.infer<typeof ContactChannel>;

/**
 * No sends on these channels between `start` and `end` on the lead's wall clock (a window
 * that crosses midnight when `start` is after `end`, e.g. 21:00–09:00). A send due inside it
 * waits until `end`.
 */
export const QuietHours = z.object({
  start: Clock,
  end: Clock,
  channels: z.array(ContactChannel).min(1).default(['email', 'sms']),
});
export type QuietHours = z.infer<typeof QuietHours>;

/**
 * Contact pressure: at most `max` contacts per lead on `channels` within `period`, across
 * every campaign of the workspace. Beyond it a send waits until the oldest contact leaves the
 * period (`defer`) or is skipped (`skip`).
 */
export const PressureCap = z.object({
  max: z.number().int().min(1).max(10_000),
  period: Duration,
  channels: z.array(ContactChannel).min(1).default(['email', 'sms', 'call']),
  onLimit: z.enum(['defer', 'skip']).default('defer'),
});
export type PressureCap = z.infer<typeof PressureCap>;

/** The workspace's contact policies (`workspaces.settings.policies`). */
export const ContactPolicies = z.object({
  quietHours: z.array(QuietHours).max(20).default([]),
  pressure: z.array(PressureCap).max(20).default([]),
});
export type ContactPolicies = z.infer<typeof ContactPolicies>;

export const NO_POLICIES: ContactPolicies = { quietHours: [], pressure: [] };

const WorkspaceSettings = z.object({ policies: z.unknown().optional() });

/**
 * The policies stored in a workspace's settings. A value that does not parse yields issues and
 * no policies, so a typo in the settings is reported, never a reason to stop sending silently
 * under the wrong rules.
 */
export function readContactPolicies(settings: unknown): {
  policies: ContactPolicies;
  issues: string[];
} {
  const outer = WorkspaceSettings.safeParse(settings);
  const raw = outer.success ? outer.data.policies : undefined;
  if (raw === undefined || raw === null) return { policies: NO_POLICIES, issues: [] };
  const parsed = ContactPolicies.safeParse(raw);
  if (parsed.success) return { policies: parsed.data, issues: [] };
  const issues = parsed.error.issues.map((i) => `policies.${i.path.join('.')}: ${i.message}`);
  return { policies: NO_POLICIES, issues };
}
