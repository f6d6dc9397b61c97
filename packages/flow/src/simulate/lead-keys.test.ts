import { describe, expect, it } from 'vitest';
import { createControlTest } from '../hash/assignment.ts';
import { LeadKeyHashes } from './lead-keys.ts';
import { createLeadStreamSeeder } from './rng.ts';

describe('LeadKeyHashes', () => {
  const keys = [
    '',
    'a',
    'lead-1',
    'lead-999999',
    'José',
    'ñandú-7',
    '鈴木',
    '😀x',
    '\ud800',
    'A'.repeat(300),
  ];

  it.each([0, 5, 37.5, 100])(
    'gives the stream seed and control test of the shared hashes (share %s)',
    (share) => {
      const hashes = new LeadKeyHashes('draws', 'campaign', share);
      const seeder = createLeadStreamSeeder('draws');
      const isControl = createControlTest({ seed: 'campaign', share });
      for (let i = 0; i < 2_000; i++) keys.push(`k${i}-${i % 7 === 0 ? 'é' : ''}`);
      for (const key of keys) {
        expect(hashes.hash(key), key).toBe(isControl(key));
        expect(hashes.seed, key).toBe(seeder(key));
      }
    },
  );
});
