/**
 * How many SMS a text takes. GSM-7 fits 160 characters in one message (153 per part when
 * split); one character outside it switches the whole text to UCS-2: 70, or 67 per part.
 * Spanish trips on this: é, ñ and ü are GSM-7 but á, í, ó and ú are not.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters GSM-7 sends with an escape: each counts as two. */
const GSM_EXTENDED = '^{}\\[~]|€\f';

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

export interface SmsCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** Units counted against the limit: septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Units per segment at the current length. */
  perSegment: number;
  /** Distinct characters that forced UCS-2, to show the marketer what to replace. */
  offending: string[];
}

export function countSms(text: string): SmsCount {
  const offending = new Set<string>();
  let septets = 0;
  for (const char of text) {
    if (basic.has(char)) septets += 1;
    else if (extended.has(char)) septets += 2;
    else offending.add(char);
  }
  if (offending.size === 0) {
    const perSegment = septets <= 160 ? 160 : 153;
    return {
      encoding: 'GSM-7',
      units: septets,
      segments: parts(septets, perSegment),
      perSegment,
      offending: [],
    };
  }
  const units = text.length;
  const perSegment = units <= 70 ? 70 : 67;
  return {
    encoding: 'UCS-2',
    units,
    segments: parts(units, perSegment),
    perSegment,
    offending: [...offending],
  };
}

function parts(units: number, perSegment: number): number {
  return units === 0 ? 0 : Math.ceil(units / perSegment);
}
