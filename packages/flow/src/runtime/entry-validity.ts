import type { CampaignSettings } from '../document/flow.schema.ts';
import type { Locale } from '../validate/issue.ts';

/**
 * Why a campaign takes nobody now: its validity period (settings `validFrom` / `validTo`,
 * inclusive ISO dates) has not begun or is over. `today` is the day it was judged on.
 */
export interface EntryRefusal {
  code: 'before_validity_period' | 'after_validity_period';
  validFrom: string | null;
  validTo: string | null;
  today: string;
}

/**
 * The validity period of the campaign against `nowMs` (PostgreSQL's clock, or the instant a
 * test or fast-forward passes): null while leads may enter. Days are UTC days — one answer
 * per campaign, so a refusal can be stated once — from `validFrom` 00:00 to the end of
 * `validTo`.
 */
export function entryRefusal(
  settings: Pick<CampaignSettings, 'validFrom' | 'validTo'>,
  nowMs: number,
): EntryRefusal | null {
  const today = new Date(nowMs).toISOString().slice(0, 10);
  const { validFrom, validTo } = settings;
  if (validFrom !== null && today < validFrom) {
    return { code: 'before_validity_period', validFrom, validTo, today };
  }
  if (validTo !== null && today > validTo) {
    return { code: 'after_validity_period', validFrom, validTo, today };
  }
  return null;
}

/** The refusal in words, Spanish and English (the runner's API details and logs use `en`). */
export function refusalMessage(refusal: EntryRefusal, locale: Locale): string {
  const { code, validFrom, validTo, today } = refusal;
  if (code === 'before_validity_period') {
    return locale === 'es'
      ? `La campaña admite leads desde el ${validFrom} (hoy es ${today}, UTC).`
      : `The campaign takes leads from ${validFrom} (today is ${today}, UTC).`;
  }
  return locale === 'es'
    ? `La campaña dejó de admitir leads el ${validTo} (hoy es ${today}, UTC).`
    : `The campaign stopped taking leads after ${validTo} (today is ${today}, UTC).`;
}
