// Contact policies (DESIGN §5): pure decisions, no clock — callers pass `now`.

// The settings screen's HTTP shapes, beside the policies they carry.
export * from '../api/workspace.api.ts';
export * from '../labels/policy-reasons.ts';
export * from './budget.ts';
export * from './policy.schema.ts';
export * from './policy-check.ts';
export * from './policy-issue-messages.ts';
export * from './pressure.ts';
export * from './quiet-hours.ts';
export * from './send-policy.ts';
