import { describe, expect, it } from 'vitest';
import { countSms } from './sms-segments.ts';

describe('countSms', () => {
  it('fits 160 GSM-7 characters in one SMS and splits 161 into two parts of 153', () => {
    expect(countSms('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(countSms('a'.repeat(161))).toMatchObject({
      encoding: 'GSM-7',
      segments: 2,
      perSegment: 153,
    });
    expect(countSms('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('counts extended characters such as € as two', () => {
    expect(countSms('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSms(`${'€'.repeat(80)}a`).segments).toBe(2);
  });

  it('keeps ñ and é in GSM-7 but switches to UCS-2 for á and names the culprits', () => {
    expect(countSms('Señor José').encoding).toBe('GSM-7');
    const count = countSms('¡Hola, María! Tu código está listo');
    expect(count.encoding).toBe('UCS-2');
    expect(count.offending.sort()).toEqual(['á', 'í', 'ó']);
    expect(count.segments).toBe(1);
  });

  it('counts UCS-2 at 70 per message and 67 per part, emoji as two units', () => {
    expect(countSms('á'.repeat(70)).segments).toBe(1);
    expect(countSms('á'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(countSms('😀')).toMatchObject({ encoding: 'UCS-2', units: 2 });
  });

  it('counts an empty text as zero messages', () => {
    expect(countSms('')).toMatchObject({ units: 0, segments: 0 });
  });
});
