import { describe, expect, it } from 'vitest';
import { candidateDateKeys } from './date-entries.ts';

const source = (offsetDays: number) =>
  ({ kind: 'date', attribute: 'birthday', offsetDays, at: '00:00', yearly: true }) as const;

describe('candidateDateKeys', () => {
  it('names the three month-days a zone can be on at a UTC instant', () => {
    expect(candidateDateKeys(source(0), Date.parse('2026-03-15T00:30:00Z'))).toEqual([
      'birthday:03-14',
      'birthday:03-15',
      'birthday:03-16',
    ]);
  });

  it('moves them by the offset: a reminder a week before looks a week ahead', () => {
    expect(candidateDateKeys(source(-7), Date.parse('2026-07-03T07:05:00Z'))).toEqual([
      'birthday:07-09',
      'birthday:07-10',
      'birthday:07-11',
    ]);
  });

  it('adds 29 February beside a 28th, so a leap-day birthday comes round in other years', () => {
    expect(candidateDateKeys(source(0), Date.parse('2027-02-27T12:00:00Z'))).toEqual([
      'birthday:02-26',
      'birthday:02-27',
      'birthday:02-28',
      'birthday:02-29',
    ]);
  });
});
