import { describe, expect, it } from 'vitest';
import { MAX_PATHS, OVERFLOW_PATH, PathTrie } from './path-trie.ts';

describe('PathTrie', () => {
  it('gives one id per distinct path and rebuilds its nodes', () => {
    const trie = new PathTrie(5);
    const a = trie.child(trie.child(0, 0), 1);
    const b = trie.child(trie.child(0, 0), 1);
    const c = trie.child(trie.child(0, 0), 2);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(trie.nodesOf(a)).toEqual([0, 1]);
    expect(trie.nodesOf(trie.child(c, 4))).toEqual([0, 2, 4]);
  });

  it('agrees between the direct table of small flows and the hash table of large ones', () => {
    const small = new PathTrie(8);
    const large = new PathTrie(500);
    let a = 0;
    let b = 0;
    for (let i = 0; i < 30_000; i++) {
      const node = (i * 7) % 8;
      a = i % 97 === 0 ? 0 : small.child(a, node);
      b = i % 97 === 0 ? 0 : large.child(b, node);
      expect(a).toBe(b);
    }
    expect(small.nodesOf(a)).toEqual(large.nodesOf(b));
  });

  it('keeps ids stable while growing and overflows past the limit', () => {
    const trie = new PathTrie(3);
    let path = 0;
    const ids: number[] = [];
    for (let i = 0; i < MAX_PATHS + 10; i++) {
      path = trie.child(path, i % 3);
      ids.push(path);
    }
    expect(ids.at(-1)).toBe(OVERFLOW_PATH);
    let again = 0;
    for (let i = 0; i < 5_000; i++) {
      again = trie.child(again, i % 3);
      expect(again).toBe(ids[i]);
    }
  });
});
