/**
 * The paths leads take, as a trie of (parent path, node) → path id, so a lead carries one
 * integer instead of its list of nodes. Lookups go through an open-addressing table in typed
 * arrays: a `Map` lookup per lead-step was the simulator's single largest cost.
 */

/** Distinct paths kept before further ones count as "other" (loops can make endless paths). */
export const MAX_PATHS = 100_000;
/** Path id of leads whose path overflowed the trie. */
export const OVERFLOW_PATH = -1;

/** Flows up to this many nodes also get a direct child table for their first paths. */
const DIRECT_MAX_NODES = 64;
/** Paths covered by the direct table (at most 16,384 × 64 × 4 bytes = 4 MB). */
const DIRECT_MAX_PATHS = 16_384;

export class PathTrie {
  /** parent[id], node[id]; id 0 is the empty path. */
  readonly parent: number[] = [-1];
  readonly node: number[] = [-1];
  private readonly nodeCount: number;
  /** child id at `path * nodeCount + node` (0 = none yet), for small flows and early paths. */
  private direct: Int32Array;
  private directPaths: number;
  private keys = new Int32Array(1024).fill(-1);
  private values = new Int32Array(1024);
  private mask = 1023;

  constructor(nodeCount: number) {
    this.nodeCount = Math.max(1, nodeCount);
    this.directPaths = nodeCount <= DIRECT_MAX_NODES ? 64 : 0;
    this.direct = new Int32Array(this.directPaths * this.nodeCount);
  }

  /** The id of `path` extended by `node`, creating it if new. */
  child(path: number, node: number): number {
    if (path < 0) return OVERFLOW_PATH;
    const key = path * this.nodeCount + node;
    if (this.directPaths > 0 && path < DIRECT_MAX_PATHS) {
      if (path >= this.directPaths) this.growDirect(path);
      const known = this.direct[key] ?? 0;
      if (known !== 0) return known;
      const id = this.lookup(key, path, node);
      if (id > 0) this.direct[key] = id;
      return id;
    }
    return this.lookup(key, path, node);
  }

  private growDirect(path: number): void {
    let paths = this.directPaths;
    while (paths <= path) paths *= 2;
    const grown = new Int32Array(paths * this.nodeCount);
    grown.set(this.direct);
    this.direct = grown;
    this.directPaths = paths;
  }

  /** The hash-table path: every path, whatever the flow size. */
  private lookup(key: number, path: number, node: number): number {
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
