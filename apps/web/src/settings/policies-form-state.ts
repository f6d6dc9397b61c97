import type { TimeUnit } from '@rumbo/flow';
import {
  type ContactChannel,
  type ContactPolicies,
  checkContactPolicies,
  type PolicyIssue,
  policyIssueMessage,
} from '@rumbo/flow/policy';
import type { Language } from '../i18n/language.ts';

/**
 * The contact-policies form as the person types it: numbers stay text until saved, so a
 * half-typed value is shown as typed and checked by the same `checkContactPolicies` the server
 * runs — the errors appear next to their fields before anything is sent.
 */

export interface QuietRow {
  /** React key only; never stored. */
  rowId: string;
  start: string;
  end: string;
  channels: ContactChannel[];
}

export interface CapRow {
  rowId: string;
  max: string;
  amount: string;
  unit: TimeUnit;
  channels: ContactChannel[];
  onLimit: 'defer' | 'skip';
}

export interface PoliciesForm {
  quietHours: QuietRow[];
  pressure: CapRow[];
}

let nextRow = 0;
const rowId = () => `row-${++nextRow}`;

export function newQuietRow(): QuietRow {
  return { rowId: rowId(), start: '21:00', end: '09:00', channels: ['email', 'sms'] };
}

export function newCapRow(): CapRow {
  const channels: ContactChannel[] = ['email', 'sms', 'call'];
  return { rowId: rowId(), max: '3', amount: '7', unit: 'days', channels, onLimit: 'defer' };
}

export function toForm(policies: ContactPolicies): PoliciesForm {
  return {
    quietHours: policies.quietHours.map((w) => ({
      rowId: rowId(),
      ...w,
      channels: [...w.channels],
    })),
    pressure: policies.pressure.map((cap) => ({
      rowId: rowId(),
      max: String(cap.max),
      amount: String(cap.period.amount),
      unit: cap.period.unit,
      channels: [...cap.channels],
      onLimit: cap.onLimit,
    })),
  };
}

/** Text → number when it is one; otherwise the text itself, which the check reports. */
function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** What the form would save, unchecked (the server and `checkPoliciesForm` check it). */
export function fromForm(form: PoliciesForm): unknown {
  return {
    quietHours: form.quietHours.map(({ start, end, channels }) => ({ start, end, channels })),
    pressure: form.pressure.map((cap) => ({
      max: numberOrText(cap.max),
      period: { amount: numberOrText(cap.amount), unit: cap.unit },
      channels: cap.channels,
      onLimit: cap.onLimit,
    })),
  };
}

/** The field an issue belongs to, as an element id suffix: `quietHours.0.start`. */
const FIELDS = ['start', 'end', 'channels', 'max', 'amount', 'unit', 'onLimit'];
export function fieldKey(path: readonly (string | number)[]): string {
  const [list, index, ...rest] = path;
  if (typeof list !== 'string' || typeof index !== 'number') return 'form';
  const field = rest.find(
    (part): part is string => typeof part === 'string' && FIELDS.includes(part),
  );
  return field === undefined ? `${list}.${index}` : `${list}.${index}.${field}`;
}

/** Error sentences by field key, in the page language; the first issue of a field wins. */
export function fieldErrors(
  issues: readonly PolicyIssue[],
  language: Language,
): Map<string, string> {
  const errors = new Map<string, string>();
  for (const issue of issues) {
    const key = fieldKey(issue.path);
    if (!errors.has(key)) errors.set(key, policyIssueMessage(issue, language));
  }
  return errors;
}

export function checkPoliciesForm(form: PoliciesForm): {
  policies: ContactPolicies | null;
  issues: PolicyIssue[];
} {
  return checkContactPolicies(fromForm(form));
}

/** A stable DOM id for a field, so an error can point at it (`aria-describedby`) and get focus. */
export const fieldId = (key: string) => `policy-${key.replaceAll('.', '-')}`;

/** The quiet hours on screen when they pass the check (whatever the caps say), else null. */
export function checkedQuietHours(form: PoliciesForm): ContactPolicies['quietHours'] | null {
  const quietHours = form.quietHours.map(({ start, end, channels }) => ({ start, end, channels }));
  return checkContactPolicies({ quietHours }).policies?.quietHours ?? null;
}
