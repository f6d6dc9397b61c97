import { PolicyReason, type PolicyReasonCode } from '../policy/send-policy.ts';
import type { Locale, Localised } from '../validate/issue.ts';
import { formatDuration } from './duration.ts';

/** Short names of the policy reason codes a step can carry, for the journey timeline. */
export const POLICY_REASON_LABELS: Record<PolicyReasonCode, Localised> = {
  quiet_hours: { es: 'Horario de silencio', en: 'Quiet hours' },
  pressure_cap: { es: 'Presión comercial', en: 'Contact pressure cap' },
  budget_exhausted: { es: 'Presupuesto agotado', en: 'Budget spent' },
};

export function policyReasonLabel(code: PolicyReasonCode, locale: Locale): string {
  return POLICY_REASON_LABELS[code][locale];
}

/** Local wall-clock time of an instant, for "until 09:00" in the lead's own zone. */
function wallClock(isoInstant: string, timeZone: string, locale: Locale): string {
  const date = new Date(isoInstant);
  try {
    return new Intl.DateTimeFormat(locale, {
      timeZone,
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(date);
  } catch {
    return isoInstant;
  }
}

/** One line for a policy reason: what held the send back and until when, in es or en. */
export function describePolicyReason(reason: PolicyReason, locale: Locale): string {
  const label = policyReasonLabel(reason.code, locale);
  switch (reason.code) {
    case 'quiet_hours': {
      const until = wallClock(reason.until, reason.timeZone, locale);
      return locale === 'es'
        ? `${label}: aplazado hasta ${until} (${reason.timeZone})`
        : `${label}: deferred until ${until} (${reason.timeZone})`;
    }
    case 'pressure_cap': {
      const per = formatDuration(reason.period.amount, reason.period.unit, locale);
      const limit = `${reason.count}/${reason.max} ${locale === 'es' ? 'en' : 'in'} ${per}`;
      if (reason.until === null) {
        return locale === 'es'
          ? `${label} (${limit}): envío omitido`
          : `${label} (${limit}): send skipped`;
      }
      const until = wallClock(reason.until, 'UTC', locale);
      return locale === 'es'
        ? `${label} (${limit}): aplazado hasta ${until} UTC`
        : `${label} (${limit}): deferred until ${until} UTC`;
    }
    case 'budget_exhausted':
      return locale === 'es'
        ? `${label} (${reason.budgetCap}): envío omitido`
        : `${label} (${reason.budgetCap}): send skipped`;
  }
}

/**
 * The policy line for a step, from the step's stored `reason` (any JSON): null when no policy
 * deferred or skipped it. The monitor's journey timeline calls this for every step.
 */
export function stepPolicyText(reason: unknown, locale: Locale): string | null {
  if (reason === null || typeof reason !== 'object' || !('policy' in reason)) return null;
  const parsed = PolicyReason.safeParse(reason.policy);
  return parsed.success ? describePolicyReason(parsed.data, locale) : null;
}
