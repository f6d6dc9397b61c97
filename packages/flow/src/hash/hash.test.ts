import { describe, expect, it } from 'vitest';
import {
  compareIds,
  createSplitter,
  inControlGroup,
  pickWeighted,
  splitBranch,
} from './assignment.ts';
import { hash32, hashContinue } from './hash.ts';

const FNV_OFFSET = 0x811c9dc5;

/** Reference FNV-1a over explicit bytes, to check the hand-written UTF-8 encoder. */
function fnvBytes(bytes: readonly number[]): number {
  let h = FNV_OFFSET;
  for (const byte of bytes) h = Math.imul(h ^ byte, 0x01000193);
  return h >>> 0;
}

const keys = (n: number) => Array.from({ length: n }, (_, i) => `lead-${i}@example.com`);

/** Pearson's chi-square statistic of observed counts against expected shares. */
function chiSquare(observed: readonly number[], shares: readonly number[], total: number): number {
  return observed.reduce((sum, count, i) => {
    const expected = (shares[i] ?? 0) * total;
    return sum + (count - expected) ** 2 / expected;
  }, 0);
}

describe('hash32', () => {
  it('matches the published FNV-1a test vectors before finishing', () => {
    expect(hashContinue(FNV_OFFSET, 'a') >>> 0).toBe(0xe40c292c);
    expect(hashContinue(FNV_OFFSET, 'foobar') >>> 0).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes of two-, three- and four-byte characters', () => {
    expect(hashContinue(FNV_OFFSET, 'ñ') >>> 0).toBe(fnvBytes([0xc3, 0xb1]));
    expect(hashContinue(FNV_OFFSET, '€') >>> 0).toBe(fnvBytes([0xe2, 0x82, 0xac]));
    expect(hashContinue(FNV_OFFSET, '😀') >>> 0).toBe(fnvBytes([0xf0, 0x9f, 0x98, 0x80]));
    expect(hashContinue(FNV_OFFSET, '\ud800x') >>> 0).toBe(fnvBytes([0xef, 0xbf, 0xbd, 0x78]));
  });

  it('keeps its golden values, so stored assignments never move', () => {
    expect(hash32('')).toBe(3192004061);
    expect(hash32('lead-1')).toBe(1814063066);
    expect(hash32('ana@example.es')).toBe(1112388076);
    expect(hash32('Ñandú 😀')).toBe(680834047);
    expect(hash32('rumbo', 'lead-1')).toBe(530222516);
  });

  it('separates parts instead of concatenating them', () => {
    expect(hash32('ab', 'c')).not.toBe(hash32('a', 'bc'));
  });

  it('spreads sequential keys evenly over 16 buckets', () => {
    const counts = new Array<number>(16).fill(0);
    const all = keys(500_000);
    for (const key of all) {
      const bucket = hash32(key) >>> 28;
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
    // 15 degrees of freedom: 37.7 is the 0.1 % critical value.
    expect(chiSquare(counts, new Array(16).fill(1 / 16), all.length)).toBeLessThan(37.7);
  });
});

describe('splitBranch', () => {
  it('keeps golden assignments for fixed leads, node and seed', () => {
    const pick = (leadKey: string, weights: number[]) =>
      splitBranch({ leadKey, nodeId: 'split-1', seed: 'rumbo', weights });
    expect(['lead-1', 'lead-2', 'lead-5'].map((k) => pick(k, [50, 50]))).toEqual([0, 0, 1]);
    expect(['lead-1', 'lead-2', 'lead-4', 'lead-5'].map((k) => pick(k, [10, 20, 30, 40]))).toEqual([
      2, 1, 0, 3,
    ]);
  });

  it('follows the weights within chi-square tolerance over 100,000 leads', () => {
    const weights = [10, 20, 30, 40];
    const split = createSplitter({ nodeId: 'ab', seed: 'seed-x', weights });
    const counts = [0, 0, 0, 0];
    const all = keys(100_000);
    for (const key of all) {
      const index = split(key);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    // 3 degrees of freedom: 16.27 is the 0.1 % critical value.
    expect(chiSquare(counts, [0.1, 0.2, 0.3, 0.4], all.length)).toBeLessThan(16.27);
  });

  it('gives the same answer as the fast splitter and assigns independently per node', () => {
    const weights = [50, 50];
    const a = createSplitter({ nodeId: 'a', seed: 's', weights });
    const agree = keys(1000).every(
      (key) => a(key) === splitBranch({ leadKey: key, nodeId: 'a', seed: 's', weights }),
    );
    expect(agree).toBe(true);
    const b = createSplitter({ nodeId: 'b', seed: 's', weights });
    const same = keys(10_000).filter((key) => a(key) === b(key)).length;
    expect(same).toBeGreaterThan(4_700);
    expect(same).toBeLessThan(5_300);
  });

  it('never chooses a zero weight and returns -1 when no weight is positive', () => {
    const split = createSplitter({ nodeId: 'n', seed: 's', weights: [0, 100, 0] });
    expect(new Set(keys(2000).map(split))).toEqual(new Set([1]));
    expect(splitBranch({ leadKey: 'x', nodeId: 'n', seed: 's', weights: [0, 0] })).toBe(-1);
    expect(splitBranch({ leadKey: 'x', nodeId: 'n', seed: 's', weights: [] })).toBe(-1);
    expect(pickWeighted([30, 70], 0.9999999999999999)).toBe(1);
  });
});

describe('inControlGroup', () => {
  it('holds out the given percent of leads within tolerance', () => {
    const all = keys(100_000);
    const held = all.filter((leadKey) => inControlGroup({ leadKey, seed: 'rumbo', share: 10 }));
    const counts = [held.length, all.length - held.length];
    expect(chiSquare(counts, [0.1, 0.9], all.length)).toBeLessThan(10.83);
  });

  it('holds out nobody at 0 % and keeps golden members at 50 %', () => {
    expect(keys(1000).some((leadKey) => inControlGroup({ leadKey, seed: 'r', share: 0 }))).toBe(
      false,
    );
    const members = ['lead-1', 'lead-2', 'lead-3', 'lead-6'].map((leadKey) =>
      inControlGroup({ leadKey, seed: 'rumbo', share: 50 }),
    );
    expect(members).toEqual([false, true, false, true]);
  });

  it('is independent of split assignment for the same lead', () => {
    const split = createSplitter({ nodeId: 'n', seed: 'rumbo', weights: [50, 50] });
    const all = keys(20_000);
    const both = all.filter(
      (leadKey) => split(leadKey) === 0 && inControlGroup({ leadKey, seed: 'rumbo', share: 50 }),
    ).length;
    expect(both / all.length).toBeGreaterThan(0.23);
    expect(both / all.length).toBeLessThan(0.27);
  });
});

describe('compareIds', () => {
  it('orders by code units, not by locale', () => {
    expect(['b', 'B', 'a', 'é'].sort(compareIds)).toEqual(['B', 'a', 'b', 'é']);
  });
});
