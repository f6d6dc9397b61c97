import {
  type Assumptions,
  assertNever,
  type DelayDistribution,
  type LeadSnapshot,
  MAX_FAKE_LEADS,
  MAX_HORIZON_DAYS,
  MAX_INLINE_LEADS,
  type SampleLeadsSpec,
  type SegmentSampleRequest,
  type SignalAssumption,
} from '@rumbo/flow';
import type { SimulationJob } from '../worker/worker-protocol.ts';

/**
 * The simulate form as the reviewer types it (strings, percent) and its checks. Pure, so the
 * bad-input rules are unit tested: every error names its field, the page shows it there.
 */

export interface AssumptionRow {
  /** 0–100, as typed. */
  percent: string;
  /** Typical delay in hours, as typed: the mean, the upper bound or the fixed time. */
  hours: string;
}

export interface FormValues {
  source: 'fake' | 'csv' | 'segment';
  count: string;
  /** The segment to sample when `source` is `segment`; '' until one is picked. */
  segmentId: string;
  locale: 'es' | 'en';
  seed: string;
  horizonDays: string;
  /** `YYYY-MM-DD`, leads enter at 09:00 UTC that day. */
  startDate: string;
  transitions: Record<string, AssumptionRow>;
  globals: Record<string, AssumptionRow>;
}

export type FieldErrorCode =
  | 'required'
  | 'notNumber'
  | 'notInteger'
  | 'countRange'
  | 'horizonZero'
  | 'horizonTooLong'
  | 'percentRange'
  | 'hoursRange'
  | 'badDate'
  | 'csvMissing'
  | 'segmentMissing';

export interface FieldError {
  code: FieldErrorCode;
  params?: Record<string, number>;
}

export const MAX_DELAY_HOURS = 24 * 366;

/** The hours a reviewer reads as "how long it usually takes". */
export function typicalHours(delay: DelayDistribution): number {
  switch (delay.kind) {
    case 'fixed':
      return delay.hours;
    case 'uniform':
      return delay.maxHours;
    case 'exponential':
      return delay.meanHours;
    default:
      return assertNever(delay);
  }
}

/** The same distribution shape with the reviewer's typical hours. */
export function withHours(delay: DelayDistribution, hours: number): DelayDistribution {
  switch (delay.kind) {
    case 'fixed':
      return { kind: 'fixed', hours };
    case 'uniform':
      return { kind: 'uniform', minHours: Math.min(delay.minHours, hours), maxHours: hours };
    case 'exponential':
      return { kind: 'exponential', meanHours: Math.max(hours, 0.01) };
    default:
      return assertNever(delay);
  }
}

const percentText = (p: number) => String(Math.round(p * 1000) / 10);
const hoursText = (h: number) => String(Math.round(h * 100) / 100);

function rowsOf(
  map: Record<string, SignalAssumption>,
  decimal: ',' | '.',
): Record<string, AssumptionRow> {
  const rows: Record<string, AssumptionRow> = {};
  const local = (text: string) => text.replace('.', decimal);
  for (const [key, a] of Object.entries(map)) {
    rows[key] = {
      percent: local(percentText(a.probability)),
      hours: local(hoursText(typicalHours(a.delay))),
    };
  }
  return rows;
}

/** The pre-filled form; decimals written the reader's way ("13,6" in Spanish). */
export function initialValues(
  defaults: Assumptions,
  today: string,
  decimal: ',' | '.' = '.',
): FormValues {
  return {
    source: 'fake',
    count: '1000',
    segmentId: '',
    locale: 'es',
    seed: 'revision-1',
    horizonDays: '30',
    startDate: today,
    transitions: rowsOf(defaults.transitions, decimal),
    globals: rowsOf(defaults.globals, decimal),
  };
}

/** A decimal typed with a comma (Spanish keyboards) or a point. */
function numberOf(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '' || !/^-?\d*\.?\d+$/.test(trimmed)) return null;
  return Number(trimmed);
}

type Errors = Record<string, FieldError>;

/** Whether the reviewer changed a row from its pre-filled numbers (then the source is "user"). */
export function isChanged(row: AssumptionRow, base: SignalAssumption): boolean {
  const percent = numberOf(row.percent);
  const hours = numberOf(row.hours);
  if (percent === null || hours === null) return true;
  return (
    percentText(percent / 100) !== percentText(base.probability) ||
    hoursText(hours) !== hoursText(typicalHours(base.delay))
  );
}

function checkCount(values: FormValues, errors: Errors): number {
  const count = numberOf(values.count);
  // Segment samples travel to the worker inline, so they share the inline cap.
  const max = values.source === 'segment' ? MAX_INLINE_LEADS : MAX_FAKE_LEADS;
  if (count === null) errors.count = { code: values.count.trim() ? 'notNumber' : 'required' };
  else if (!Number.isInteger(count)) errors.count = { code: 'notInteger' };
  else if (count < 1 || count > max) {
    errors.count = { code: 'countRange', params: { max } };
  }
  return count ?? 0;
}

function checkHorizon(values: FormValues, errors: Errors): number {
  const days = numberOf(values.horizonDays);
  if (days === null) {
    errors.horizonDays = { code: values.horizonDays.trim() ? 'notNumber' : 'required' };
  } else if (days <= 0) errors.horizonDays = { code: 'horizonZero' };
  else if (days > MAX_HORIZON_DAYS) {
    errors.horizonDays = { code: 'horizonTooLong', params: { max: MAX_HORIZON_DAYS } };
  }
  return days ?? 0;
}

function checkStart(values: FormValues, errors: Errors): number {
  const start = /^\d{4}-\d{2}-\d{2}$/.test(values.startDate)
    ? Date.parse(`${values.startDate}T09:00:00Z`)
    : Number.NaN;
  if (Number.isNaN(start)) errors.startDate = { code: values.startDate ? 'badDate' : 'required' };
  return start;
}

function checkRows(
  rows: Record<string, AssumptionRow>,
  defaults: Record<string, SignalAssumption>,
  prefix: string,
  errors: Errors,
): Record<string, SignalAssumption> {
  const out: Record<string, SignalAssumption> = {};
  for (const [key, base] of Object.entries(defaults)) {
    const row = rows[key];
    if (!row) continue;
    const percent = numberOf(row.percent);
    const hours = numberOf(row.hours);
    if (percent === null || percent < 0 || percent > 100) {
      errors[`${prefix}:${key}:percent`] = {
        code: percent === null ? 'notNumber' : 'percentRange',
      };
    }
    if (hours === null || hours < 0 || hours > MAX_DELAY_HOURS) {
      errors[`${prefix}:${key}:hours`] = {
        code: hours === null ? 'notNumber' : 'hoursRange',
        params: { max: MAX_DELAY_HOURS },
      };
    }
    if (percent === null || hours === null) continue;
    const probability = percent / 100;
    out[key] = isChanged(row, base)
      ? { probability, delay: withHours(base.delay, hours), source: 'user' }
      : base;
  }
  return out;
}

/** Where the leads come from once the form is valid: ready now, or a segment to sample first. */
export type LeadsChoice = SampleLeadsSpec | ({ kind: 'segment' } & SegmentSampleRequest);

export interface FormCheck {
  errors: Errors;
  /** Present when there are no errors. */
  job: (Omit<SimulationJob, 'flow' | 'leads'> & { leads: LeadsChoice }) | null;
}

/** Checks every field at once and, when all are fine, builds the worker's job. */
export function checkForm(
  values: FormValues,
  defaults: Assumptions,
  csvLeads: readonly LeadSnapshot[] | null,
): FormCheck {
  const errors: Errors = {};
  const count = values.source === 'csv' ? 0 : checkCount(values, errors);
  if (values.source === 'csv' && (csvLeads === null || csvLeads.length === 0)) {
    errors.csv = { code: 'csvMissing' };
  }
  if (values.source === 'segment' && values.segmentId === '') {
    errors.segmentId = { code: 'segmentMissing' };
  }
  const horizonDays = checkHorizon(values, errors);
  const start = checkStart(values, errors);
  if (values.seed.trim() === '') errors.seed = { code: 'required' };
  const assumptions: Assumptions = {
    transitions: checkRows(values.transitions, defaults.transitions, 't', errors),
    globals: checkRows(values.globals, defaults.globals, 'g', errors),
  };
  if (Object.keys(errors).length > 0) return { errors, job: null };
  const seed = values.seed.trim();
  const leads: LeadsChoice =
    values.source === 'fake'
      ? { kind: 'fake', count, locale: values.locale, seed }
      : values.source === 'segment'
        ? { kind: 'segment', segmentId: values.segmentId, count, seed }
        : { kind: 'inline', items: [...(csvLeads ?? [])] };
  return {
    errors,
    job: {
      leads,
      assumptions,
      options: { seed: values.seed.trim(), start, horizonDays, traceLeads: 50 },
    },
  };
}
