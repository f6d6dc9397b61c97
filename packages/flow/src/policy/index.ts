// Contact policies (DESIGN §5): pure decisions, no clock — callers pass `now`.

export * from '../labels/policy-reasons.ts';
export * from './budget.ts';
export * from './policy.schema.ts';
export * from './pressure.ts';
export * from './quiet-hours.ts';
export * from './send-policy.ts';
