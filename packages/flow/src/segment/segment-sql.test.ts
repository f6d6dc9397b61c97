import { describe, expect, it } from 'vitest';
import type { SegmentRule } from './rule.schema.ts';
import { MAX_SEGMENT_DEPTH, SegmentRuleError } from './segment-limits.ts';
import { compileSegmentCountSql, compileSegmentSql } from './segment-sql.ts';

const NOW = Date.parse('2026-11-22T10:00:00.000Z');
const HOSTILE = ["'; DROP TABLE leads; --", '$$ $q$', 'a"b', '\\x27', "Robert'); --", '{a,b}'];

function allRuleKinds(text: string): SegmentRule {
  return {
    kind: 'group',
    combinator: 'or',
    not: false,
    rules: [
      { kind: 'field', field: 'name', test: { op: 'contains', value: text } },
      { kind: 'attribute', path: text, type: 'string', test: { op: 'eq', value: text } },
      {
        kind: 'attribute',
        path: `${text}.${text}`,
        type: 'date',
        test: { op: 'in', values: [text] },
      },
      { kind: 'tag', tag: text, has: true },
      { kind: 'list', listId: text, member: true },
      {
        kind: 'event',
        name: text,
        where: [{ property: text, type: 'string', test: { op: 'startsWith', value: text } }],
        count: { op: 'atLeast', n: 2 },
      },
    ],
  };
}

describe('compileSegmentSql', () => {
  it('never puts rule text into the SQL, only placeholders', () => {
    for (const text of HOSTILE) {
      const { sql, params } = compileSegmentSql(allRuleKinds(text), { now: NOW });
      expect(sql).not.toContain(text);
      expect(params).toContain(text);
    }
  });
  it('numbers placeholders after the offset and uses each one it binds', () => {
    const { sql, params } = compileSegmentSql(allRuleKinds('x'), {
      now: NOW,
      params: { offset: 3 },
    });
    const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    expect(Math.min(...used)).toBe(4);
    expect([...used].sort((a, b) => a - b)).toEqual(params.map((_, i) => i + 4));
  });
  it('binds a huge in-list as one array parameter', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => `v${i}`);
    const rule: SegmentRule = {
      kind: 'attribute',
      path: 'x',
      type: 'string',
      test: { op: 'in', values },
    };
    const { sql, params } = compileSegmentSql(rule, { now: NOW });
    expect(params.filter((p) => Array.isArray(p) && p.length === 10_000)).toHaveLength(1);
    expect(params.length).toBeLessThanOrEqual(3);
    const few = compileSegmentSql(
      { ...rule, test: { op: 'in', values: ['a', 'b'] } },
      { now: NOW },
    );
    expect(sql).toBe(few.sql);
  });
  it('compiles empty groups to constants', () => {
    const empty = (combinator: 'and' | 'or'): SegmentRule => ({
      kind: 'group',
      combinator,
      not: false,
      rules: [],
    });
    expect(compileSegmentSql(empty('and'), { now: NOW }).sql).toBe('TRUE');
    expect(compileSegmentSql(empty('or'), { now: NOW }).sql).toBe('FALSE');
  });
  it('refuses a lead alias outside the allow-list', () => {
    const rule: SegmentRule = { kind: 'stage', in: ['lead'] };
    expect(() => compileSegmentSql(rule, { now: NOW, leadAlias: 'l; DROP' })).toThrow(/leadAlias/);
    expect(compileSegmentSql(rule, { now: NOW, leadAlias: 'lead_row' }).sql).toContain(
      'lead_row.stage',
    );
  });
  it(`refuses groups nested deeper than ${MAX_SEGMENT_DEPTH} with a typed error`, () => {
    let deep: SegmentRule = { kind: 'stage', in: ['lead'] };
    for (let i = 0; i <= MAX_SEGMENT_DEPTH; i += 1) {
      deep = { kind: 'group', combinator: 'and', not: true, rules: [deep] };
    }
    expect(() => compileSegmentSql(deep, { now: NOW })).toThrow(SegmentRuleError);
  });
  it('wraps the fragment in a workspace count with the workspace as $1', () => {
    const rule: SegmentRule = { kind: 'tag', tag: 'vip', has: true };
    const { sql, params } = compileSegmentCountSql(rule, { now: NOW, workspaceId: 'ws' });
    expect(sql).toMatch(
      /^SELECT count\(\*\) AS count FROM leads l WHERE l\.workspace_id = \$1 AND /,
    );
    expect(params).toEqual(['ws', 'vip']);
  });
});

describe('compileSegmentSql event shapes', () => {
  const counted = (op: 'atLeast' | 'atMost' | 'exactly', n: number): SegmentRule => ({
    kind: 'event',
    name: 'purchased',
    where: [],
    count: { op, n },
  });

  it('correlates every event subquery on the lead and its workspace, never an IN list without a workspace placeholder', () => {
    for (const scan of [false, true]) {
      for (const op of ['atLeast', 'atMost', 'exactly'] as const) {
        for (const n of [0, 1, 3]) {
          const { sql } = compileSegmentSql(counted(op, n), { now: NOW, scan });
          if (op === 'atLeast' && n === 0) expect(sql).toBe('TRUE');
          else expect(sql).toContain('workspace_id = l.workspace_id');
          expect(sql).not.toMatch(/\bIN\s*\(/);
        }
      }
    }
  });

  it('groups counted events once when the query scans a workspace, counts per lead otherwise', () => {
    const scan = compileSegmentSql(counted('atMost', 2), { now: NOW, scan: true });
    expect(scan.sql).toMatch(
      /^\(NOT EXISTS \(SELECT 1 FROM \(SELECT .* GROUP BY .* HAVING count\(\*\) > \$\d+::int\)/,
    );
    expect(scan.sql).not.toContain('LIMIT');
    const batch = compileSegmentSql(counted('atLeast', 2), { now: NOW });
    expect(batch.sql).toMatch(
      /^\(EXISTS .* AND \(SELECT count\(\*\) FROM \(SELECT 1 .* LIMIT \$\d+::int\)/,
    );
    expect(batch.sql).not.toContain('GROUP BY');
  });

  it('reads "has an event" through the workspace set when scanning one given workspace', () => {
    const filtered: SegmentRule = {
      kind: 'event',
      name: 'purchased',
      where: [{ property: 'family', type: 'string', test: { op: 'eq', value: 'jerseys' } }],
    };
    const options = { now: NOW, params: { offset: 1 }, scan: true, workspaceParam: 1 };
    // Without property filters the set is the answer: no per-lead probe at all.
    const plain = compileSegmentSql(counted('atLeast', 1), options);
    expect(plain.sql).toMatch(
      /^l\.id IN \(SELECT COALESCE\(l_evs\.lead_id, l_evs\.lead_id\) FROM lead_events l_evs WHERE l_evs\.workspace_id = \$1::uuid AND /,
    );
    expect(plain.sql).not.toContain('EXISTS');
    // Only as a top-level conjunct (a semi-join): under NOT or OR it would be a subplan, hashed
    // only while it fits in work_mem.
    expect(compileSegmentSql(counted('atMost', 0), options).sql).toMatch(/^\(NOT EXISTS /);
    const group = (combinator: 'and' | 'or', not: boolean): SegmentRule => ({
      kind: 'group',
      combinator,
      not,
      rules: [counted('atLeast', 1), { kind: 'stage', in: ['lead'] }],
    });
    expect(compileSegmentSql(group('and', false), options).sql).toMatch(/^\(l\.id IN /);
    for (const [combinator, not] of [
      ['or', false],
      ['and', true],
      ['or', true],
    ] as const) {
      expect(compileSegmentSql(group(combinator, not), options).sql).not.toContain('l_evs');
    }
    // With them, only leads in the set are probed for the properties.
    const probed = compileSegmentSql(filtered, options);
    expect(probed.sql).toMatch(
      /^\(l\.id IN \(SELECT .*\) AND EXISTS \(SELECT 1 FROM lead_events l_ev WHERE /,
    );
    expect(probed.sql).not.toMatch(/l_evs\.properties/);
    // Per-lead batches (no scan) and scans without the placeholder keep the correlated EXISTS.
    for (const other of [
      { now: NOW, workspaceParam: 1 },
      { now: NOW, scan: true },
    ]) {
      expect(compileSegmentSql(filtered, other).sql).toMatch(/^EXISTS /);
    }
  });

  it('refuses a workspace placeholder that is not a placeholder number', () => {
    for (const workspaceParam of [0, -1, 1.5, Number.NaN]) {
      expect(() =>
        compileSegmentSql(counted('atLeast', 1), { now: NOW, scan: true, workspaceParam }),
      ).toThrow(/workspaceParam must be a placeholder number/);
    }
  });
});
