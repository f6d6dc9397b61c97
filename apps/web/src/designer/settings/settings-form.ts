import {
  type CampaignMode,
  CampaignSettings,
  DEFAULT_STALE_POLICY,
  type ReentryRule,
  type StalePolicy,
  type TimeUnit,
} from '@rumbo/flow';

/**
 * The campaign settings panel as form values: what the marketer is typing, which may not be
 * valid yet. Numbers are `undefined` while the box is empty. Only a save turns the values
 * into `CampaignSettings`, through the same schema the server and validator use.
 */
export interface SettingsFormValues {
  code: string;
  name: string;
  description: string;
  validFrom: string;
  validTo: string;
  currency: string;
  fixedCost: number | undefined;
  budgetCap: number | undefined;
  goal: boolean;
  goalSignal: string;
  goalAmount: number | undefined;
  goalUnit: TimeUnit;
  goalValue: number | undefined;
  controlShare: number | undefined;
  reentry: ReentryRule['kind'];
  cooldownAmount: number | undefined;
  cooldownUnit: TimeUnit;
  mode: CampaignMode;
  lateAction: StalePolicy['action'];
  lateAmount: number | undefined;
  lateUnit: TimeUnit;
}
export type SettingsField = keyof SettingsFormValues;

export const REENTRY_KINDS = [
  'never',
  'afterExit',
  'afterCooldown',
] as const satisfies readonly ReentryRule['kind'][];

export const STALE_ACTIONS = ['send', 'skip'] as const satisfies readonly StalePolicy['action'][];

/** Message keys under `settings.errors`; the message test checks each exists in es and en. */
export const SETTINGS_ERRORS = [
  'required',
  'tooLong',
  'min',
  'max',
  'integer',
  'date',
  'currency',
  'toBeforeFrom',
  'codeTaken',
  'invalid',
] as const;
export type SettingsErrorKey = (typeof SETTINGS_ERRORS)[number];
export interface SettingsError {
  key: SettingsErrorKey;
  params?: Record<string, number>;
}
export type SettingsErrors = Partial<Record<SettingsField, SettingsError>>;

export type SettingsResult =
  | { ok: true; settings: CampaignSettings }
  | { ok: false; errors: SettingsErrors };

export function toFormValues(settings: CampaignSettings): SettingsFormValues {
  const goal = settings.conversionGoal;
  const cooldown = settings.reentry.kind === 'afterCooldown' ? settings.reentry.duration : null;
  const late = settings.stalePolicy ?? DEFAULT_STALE_POLICY;
  return {
    code: settings.code,
    name: settings.name,
    description: settings.description,
    validFrom: settings.validFrom ?? '',
    validTo: settings.validTo ?? '',
    currency: settings.currency,
    fixedCost: settings.fixedCost,
    budgetCap: settings.budgetCap ?? undefined,
    goal: goal !== null,
    goalSignal: goal?.signal ?? 'purchased',
    goalAmount: goal?.window.amount ?? 30,
    goalUnit: goal?.window.unit ?? 'days',
    goalValue: goal?.value ?? 0,
    controlShare: settings.controlShare,
    reentry: settings.reentry.kind,
    cooldownAmount: cooldown?.amount ?? 30,
    cooldownUnit: cooldown?.unit ?? 'days',
    mode: settings.mode,
    lateAction: late.action,
    lateAmount: late.after.amount,
    lateUnit: late.after.unit,
  };
}

function reentryRule(values: SettingsFormValues): unknown {
  switch (values.reentry) {
    case 'never':
    case 'afterExit':
      return { kind: values.reentry };
    case 'afterCooldown':
      return {
        kind: 'afterCooldown',
        duration: { amount: values.cooldownAmount, unit: values.cooldownUnit },
      };
    default:
      return values.reentry satisfies never;
  }
}

/**
 * The late-send policy as typed. A campaign that never set one keeps none while the form shows
 * the default unchanged, so opening and saving the panel does not show up as a change in review.
 */
function stalePolicy(values: SettingsFormValues, before: StalePolicy | undefined): unknown {
  const typed = {
    action: values.lateAction,
    after: { amount: values.lateAmount, unit: values.lateUnit },
  };
  const asDefault =
    typed.action === DEFAULT_STALE_POLICY.action &&
    typed.after.amount === DEFAULT_STALE_POLICY.after.amount &&
    typed.after.unit === DEFAULT_STALE_POLICY.after.unit;
  return before === undefined && asDefault ? undefined : typed;
}

/** Where a schema issue path points in the form. */
function fieldOf(path: readonly PropertyKey[]): SettingsField | null {
  const [head, second, third] = path;
  switch (head) {
    case 'conversionGoal':
      if (second === 'signal') return 'goalSignal';
      if (second === 'value') return 'goalValue';
      if (second === 'window') return third === 'unit' ? 'goalUnit' : 'goalAmount';
      return 'goalSignal';
    case 'reentry':
      return third === 'unit'
        ? 'cooldownUnit'
        : second === 'duration'
          ? 'cooldownAmount'
          : 'reentry';
    case 'stalePolicy':
      return second === 'after' ? (third === 'unit' ? 'lateUnit' : 'lateAmount') : 'lateAction';
    case 'code':
    case 'name':
    case 'description':
    case 'validFrom':
    case 'validTo':
    case 'currency':
    case 'fixedCost':
    case 'budgetCap':
    case 'controlShare':
    case 'mode':
      return head;
    default:
      return null;
  }
}

interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  expected?: unknown;
}

/** A zod issue in words the panel can show next to its field. */
function errorOf(issue: SchemaIssue, field: SettingsField): SettingsError {
  const bound = (value: unknown) => (typeof value === 'number' ? value : Number(value));
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return { key: 'required' };
      return { key: 'min', params: { min: bound(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string')
        return { key: 'tooLong', params: { max: bound(issue.maximum) } };
      return { key: 'max', params: { max: bound(issue.maximum) } };
    case 'invalid_type':
      // An empty number box reaches the schema as undefined.
      if (issue.expected === 'int') return { key: 'integer' };
      return { key: 'required' };
    case 'invalid_format':
      if (field === 'validFrom' || field === 'validTo') return { key: 'date' };
      if (field === 'currency') return { key: 'currency' };
      return { key: 'invalid' };
    default:
      return { key: 'invalid' };
  }
}

/**
 * The form values as settings, or an error per field. `base` keeps what the panel does not
 * show (the hashing seed), so a save never changes which split branch a lead gets.
 */
export function fromFormValues(values: SettingsFormValues, base: CampaignSettings): SettingsResult {
  const candidate = {
    ...base,
    code: values.code.trim(),
    name: values.name.trim(),
    description: values.description,
    validFrom: values.validFrom === '' ? null : values.validFrom,
    validTo: values.validTo === '' ? null : values.validTo,
    currency: values.currency.trim().toUpperCase(),
    fixedCost: values.fixedCost ?? 0,
    budgetCap: values.budgetCap ?? null,
    conversionGoal: values.goal
      ? {
          signal: values.goalSignal.trim(),
          window: { amount: values.goalAmount, unit: values.goalUnit },
          value: values.goalValue ?? 0,
        }
      : null,
    controlShare: values.controlShare ?? 0,
    reentry: reentryRule(values),
    mode: values.mode,
    stalePolicy: stalePolicy(values, base.stalePolicy),
  };
  const parsed = CampaignSettings.safeParse(candidate);
  const errors: SettingsErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      if (field && !errors[field]) errors[field] = errorOf(issue, field);
    }
  }
  // The schema checks each date alone; an end before the start would admit nobody.
  if (!errors.validFrom && !errors.validTo && candidate.validFrom && candidate.validTo) {
    if (candidate.validTo < candidate.validFrom) errors.validTo = { key: 'toBeforeFrom' };
  }
  if (parsed.success && Object.keys(errors).length === 0) {
    return { ok: true, settings: parsed.data };
  }
  if (Object.keys(errors).length === 0) errors.code = { key: 'invalid' };
  return { ok: false, errors };
}

/**
 * True when another campaign of the workspace already has this code (compared without case,
 * as a team reads them). The server refuses such a draft with a 409, which the autosave would
 * take for an edit conflict and stop saving, so the panel says it before saving.
 */
export function codeTaken(
  code: string,
  campaigns: readonly { id: string; code: string }[],
  selfId: string | undefined,
): boolean {
  const wanted = code.trim().toLowerCase();
  return campaigns.some((c) => c.id !== selfId && c.code.toLowerCase() === wanted);
}
