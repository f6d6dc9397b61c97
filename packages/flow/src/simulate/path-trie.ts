/**
 * The paths leads take, as a trie of (parent path, node) → path id, so a lead carries one
 * integer instead of its list of nodes. Lookups go through an open-addressing table in typed
 * arrays: a `Map` lookup per lead-step was the simulator's single largest cost.
 */

/** Distinct paths kept before further ones count as "other" (loops can make endless paths). */
export const MAX_PATHS = 100_000;
/** Path id of leads whose path overflowed the trie. */
export const OVERFLOW_PATH = -1;

export class PathTrie {
  /** parent[id], node[id]; id 0 is the empty path. */
  readonly parent: number[] = [-1];
  readonly node: number[] = [-1];
  private readonly nodeCount: number;
  private keys = new Int32Array(1024).fill(-1);
  private values = new Int32Array(1024);
  private mask = 1023;

  constructor(nodeCount: number) {
    this.nodeCount = Math.max(1, nodeCount);
  }

  /** The id of `path` extended by `node`, creating it if new. */
  child(path: number, node: number): number {
    if (path < 0) return OVERFLOW_PATH;
    const key = path * this.nodeCount + node;
    const mask = this.mask;
    const keys = this.keys;
    let slot = Math.imul(key, 0x9e3779b1) & mask;
    for (;;) {
      const found = keys[slot] ?? -1;
      if (found === key) return this.values[slot] ?? OVERFLOW_PATH;
      if (found === -1) break;
      slot = (slot + 1) & mask;
    }
    if (this.parent.length >= MAX_PATHS) return OVERFLOW_PATH;
    const id = this.parent.push(path) - 1;
    this.node.push(node);
    keys[slot] = key;
    this.values[slot] = id;
    if (this.parent.length * 2 > mask) this.grow();
    return id;
  }

  /** Node indices of a path, from the entry on. */
  nodesOf(path: number): number[] {
    const nodes: number[] = [];
    for (let p = path; p > 0; p = this.parent[p] ?? 0) nodes.push(this.node[p] ?? 0);
    return nodes.reverse();
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    this.keys = new Int32Array(size).fill(-1);
    this.values = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 1; id < this.parent.length; id++) {
      const key = (this.parent[id] ?? 0) * this.nodeCount + (this.node[id] ?? 0);
      let slot = Math.imul(key, 0x9e3779b1) & this.mask;
      while ((this.keys[slot] ?? -1) !== -1) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.values[slot] = id;
    }
  }
}
