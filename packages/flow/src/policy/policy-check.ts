import { z } from 'zod';
import { ContactPolicies, PressureCap, QuietHours } from './policy.schema.ts';

/**
 * Checking contact policies a person typed (the settings screen, `PUT /workspace/policies`):
 * every problem located by its path, in codes the UI translates — never a throw, never prose.
 * Stricter than `readContactPolicies`, which must tolerate what is already stored: unknown
 * keys are refused (a typo such as `quietHour` would otherwise be dropped without a word) and
 * windows or periods that cannot mean anything are reported.
 */

export const POLICY_ISSUE_CODES = [
  'required',
  'invalid_type',
  'not_integer',
  'invalid_clock',
  'invalid_choice',
  'no_channel',
  'too_small',
  'too_big',
  'too_many',
  'unknown_field',
  'empty_window',
  'duplicate_channel',
  'zero_period',
] as const;
export type PolicyIssueCode = (typeof POLICY_ISSUE_CODES)[number];

export interface PolicyIssue {
  /** Inside the policies, e.g. `['quietHours', 0, 'end']`. */
  path: (string | number)[];
  code: PolicyIssueCode;
  params: Record<string, string | number>;
}

const StrictContactPolicies = ContactPolicies.extend({
  quietHours: z.array(QuietHours.strict()).max(20).default([]),
  pressure: z.array(PressureCap.strict()).max(20).default([]),
}).strict();

type ZodIssue = z.core.$ZodIssue;
type Path = (string | number)[];

const pathOf = (issue: ZodIssue): Path =>
  issue.path.filter((p): p is string | number => typeof p !== 'symbol');

function sizeIssue(issue: ZodIssue & { code: 'too_small' | 'too_big' }): PolicyIssue {
  const path = pathOf(issue);
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  if (issue.origin === 'array') {
    if (issue.code === 'too_small') return { path, code: 'no_channel', params: {} };
    return { path, code: 'too_many', params: { maximum: limit } };
  }
  const code = issue.code === 'too_small' ? 'too_small' : 'too_big';
  return { path, code, params: code === 'too_small' ? { minimum: limit } : { maximum: limit } };
}

function fromZod(issue: ZodIssue): PolicyIssue[] {
  const path = pathOf(issue);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], code: 'unknown_field', params: {} }));
    case 'invalid_format':
      return [{ path, code: 'invalid_clock', params: {} }];
    case 'invalid_value':
      return [{ path, code: 'invalid_choice', params: { allowed: issue.values.join(', ') } }];
    case 'too_small':
    case 'too_big':
      return [sizeIssue(issue)];
    case 'invalid_type': {
      if (issue.expected === 'int') return [{ path, code: 'not_integer', params: {} }];
      if (issue.input === undefined) return [{ path, code: 'required', params: {} }];
      return [{ path, code: 'invalid_type', params: { expected: issue.expected } }];
    }
    default:
      return [{ path, code: 'invalid_type', params: { expected: issue.code } }];
  }
}

function duplicates(channels: readonly string[], at: Path): PolicyIssue[] {
  return channels.flatMap((channel, i) =>
    channels.indexOf(channel) < i
      ? [{ path: [...at, i], code: 'duplicate_channel' as const, params: { channel } }]
      : [],
  );
}

/** What the schema cannot say: a window that covers nothing, a period of zero, a channel twice. */
function meaningIssues(policies: ContactPolicies): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  policies.quietHours.forEach((w, i) => {
    if (w.start === w.end) {
      issues.push({
        path: ['quietHours', i, 'end'],
        code: 'empty_window',
        params: { at: w.start },
      });
    }
    issues.push(...duplicates(w.channels, ['quietHours', i, 'channels']));
  });
  policies.pressure.forEach((cap, i) => {
    if (cap.period.amount === 0) {
      issues.push({ path: ['pressure', i, 'period', 'amount'], code: 'zero_period', params: {} });
    }
    issues.push(...duplicates(cap.channels, ['pressure', i, 'channels']));
  });
  return issues;
}

/** Parses and checks typed-in policies: the policies when there is no issue, else null. */
export function checkContactPolicies(input: unknown): {
  policies: ContactPolicies | null;
  issues: PolicyIssue[];
} {
  // `reportInput` tells a missing field (no input) from one of the wrong type.
  const parsed = StrictContactPolicies.safeParse(input, { reportInput: true });
  if (!parsed.success) return { policies: null, issues: parsed.error.issues.flatMap(fromZod) };
  const issues = meaningIssues(parsed.data);
  return { policies: issues.length === 0 ? parsed.data : null, issues };
}
