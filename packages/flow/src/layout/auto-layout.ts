import type { Layout } from '../document/flow.schema.ts';

/** Spacing of the left-to-right layout, in canvas pixels; fits a 220 × 90 node card. */
export const LAYOUT_COLUMN_WIDTH = 300;
export const LAYOUT_ROW_HEIGHT = 170;

interface LayoutNode {
  id: string;
  type: string;
}
interface LayoutEdge {
  source: string;
  target: string;
}

/** Back edges of a depth-first search from the roots, found iteratively (no recursion limit). */
function backEdges(
  ids: readonly string[],
  next: Map<string, string[]>,
  roots: string[],
): Set<string> {
  const state = new Map<string, 1 | 2>();
  const back = new Set<string>();
  for (const root of [...roots, ...ids]) {
    if (state.has(root)) continue;
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (!top) break;
      const children = next.get(top[0]) ?? [];
      const child = children[top[1]];
      if (child === undefined) {
        state.set(top[0], 2);
        stack.pop();
        continue;
      }
      top[1] += 1;
      const seen = state.get(child);
      if (seen === 1) back.add(`${top[0]}\u0000${child}`);
      else if (seen === undefined) {
        state.set(child, 1);
        stack.push([child, 0]);
      }
    }
  }
  return back;
}

interface ForwardGraph {
  ids: string[];
  next: Map<string, string[]>;
  /** Predecessors over forward edges only (loops removed). */
  incoming: Map<string, string[]>;
  back: Set<string>;
}

function forwardGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): ForwardGraph {
  const ids = nodes.filter((n) => n.type !== 'note').map((n) => n.id);
  const known = new Set(ids);
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    if (known.has(e.source) && known.has(e.target)) next.get(e.source)?.push(e.target);
  }
  const roots = nodes.filter((n) => n.type === 'entry').map((n) => n.id);
  const back = backEdges(ids, next, roots);
  const incoming = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [source, targets] of next) {
    for (const target of targets) {
      if (!back.has(`${source}\u0000${target}`)) incoming.get(target)?.push(source);
    }
  }
  return { ids, next, incoming, back };
}

/** Columns by longest path from the roots, in topological order (Kahn's algorithm). */
function columnsOf(graph: ForwardGraph): string[][] {
  const pending = new Map(graph.ids.map((id) => [id, graph.incoming.get(id)?.length ?? 0]));
  const column = new Map<string, number>();
  const columns: string[][] = [];
  const queue = graph.ids.filter((id) => pending.get(id) === 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    let col = 0;
    for (const p of graph.incoming.get(id) ?? []) col = Math.max(col, (column.get(p) ?? 0) + 1);
    column.set(id, col);
    const members = columns[col] ?? [];
    members.push(id);
    columns[col] = members;
    for (const target of graph.next.get(id) ?? []) {
      if (graph.back.has(`${id}\u0000${target}`)) continue;
      const left = (pending.get(target) ?? 1) - 1;
      pending.set(target, left);
      if (left === 0) queue.push(target);
    }
  }
  return columns;
}

/** Rows ordered by the mean row of each node's predecessors, each column centred on row 0. */
function place(columns: string[][], incoming: Map<string, string[]>): Layout['nodes'] {
  const row = new Map<string, number>();
  const result: Layout['nodes'] = {};
  const weight = (id: string) => {
    const rows = (incoming.get(id) ?? []).map((p) => row.get(p) ?? 0);
    return rows.length === 0 ? 0 : rows.reduce((a, b) => a + b, 0) / rows.length;
  };
  columns.forEach((members, col) => {
    const ordered = members
      .map((id, index) => ({ id, index, w: weight(id) }))
      .sort((a, b) => a.w - b.w || a.index - b.index);
    ordered.forEach(({ id }, index) => {
      const r = index - (ordered.length - 1) / 2;
      row.set(id, r);
      result[id] = { x: col * LAYOUT_COLUMN_WIDTH, y: Math.round(r * LAYOUT_ROW_HEIGHT) };
    });
  });
  return result;
}

/**
 * Positions nodes left to right: a node's column is the longest path to it from an entry
 * (ignoring loops), so a step always sits right of everything that leads to it; rows are
 * ordered by their predecessors' rows to keep edges from crossing, and each column is
 * centred on the first row. Notes go to a row above the flow.
 */
export function autoLayout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
): Layout['nodes'] {
  const graph = forwardGraph(nodes, edges);
  const result = place(columnsOf(graph), graph.incoming);
  let top = 0;
  for (const p of Object.values(result)) top = Math.min(top, p.y);
  nodes
    .filter((n) => n.type === 'note')
    .forEach((n, index) => {
      result[n.id] = { x: index * LAYOUT_COLUMN_WIDTH, y: top - LAYOUT_ROW_HEIGHT };
    });
  return result;
}
