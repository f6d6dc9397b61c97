import type { Comparison, SegmentCondition, SegmentRule } from '../../segment/rule.schema.ts';

/**
 * A reasonable static check of whether a rule can hold, without any lead: `never` when it is
 * contradictory on its face (stage in [], `x = 1 and x = 2`, `score > 9 and score < 5`,
 * "has tag and lacks tag"), `always` for an empty AND, `maybe` otherwise. It proves nothing
 * about the data: `maybe` does not mean some lead matches.
 */
export type Satisfiability = 'never' | 'always' | 'maybe';

export interface NeverReason {
  /** What the contradiction is about: a field, attribute path, tag, list, stage, channel or event. */
  subject: string;
}

interface Bounds {
  low: number;
  lowOpen: boolean;
  high: number;
  highOpen: boolean;
}

function narrow(bounds: Bounds, test: Comparison): Bounds {
  const b = { ...bounds };
  const raise = (value: number, open: boolean) => {
    if (value > b.low || (value === b.low && open)) Object.assign(b, { low: value, lowOpen: open });
  };
  const lower = (value: number, open: boolean) => {
    if (value < b.high || (value === b.high && open))
      Object.assign(b, { high: value, highOpen: open });
  };
  if (test.op === 'gt' && typeof test.value === 'number') raise(test.value, true);
  if (test.op === 'gte' && typeof test.value === 'number') raise(test.value, false);
  if (test.op === 'lt' && typeof test.value === 'number') lower(test.value, true);
  if (test.op === 'lte' && typeof test.value === 'number') lower(test.value, false);
  if (test.op === 'eq' && typeof test.value === 'number') {
    raise(test.value, false);
    lower(test.value, false);
  }
  if (test.op === 'between' && typeof test.from === 'number' && typeof test.to === 'number') {
    raise(test.from, false);
    lower(test.to, false);
  }
  return b;
}

/** The values both sets allow; null stands for "anything". */
function intersect(current: Set<string> | null, values: Iterable<string>): Set<string> {
  const next = new Set(values);
  return current === null ? next : new Set([...current].filter((v) => next.has(v)));
}

const isEmpty = (b: Bounds) => b.low > b.high || (b.low === b.high && (b.lowOpen || b.highOpen));

/** Whether a set of comparisons on one value contradict each other. */
function comparisonsContradict(tests: readonly Comparison[]): boolean {
  let bounds: Bounds = { low: -Infinity, lowOpen: false, high: Infinity, highOpen: false };
  let allowed: Set<string> | null = null;
  const excluded = new Set<string>();
  let set = false;
  let unset = false;
  const restrict = (values: readonly (string | number | boolean)[]) => {
    allowed = intersect(allowed, values.map(String));
  };
  for (const test of tests) {
    bounds = narrow(bounds, test);
    if (test.op === 'isSet') set = true;
    if (test.op === 'isNotSet') unset = true;
    if (test.op === 'eq') restrict([test.value]);
    if (test.op === 'in') restrict(test.values);
    if (test.op === 'neq') excluded.add(String(test.value));
    if (test.op === 'notIn') for (const v of test.values) excluded.add(String(v));
  }
  const remaining: Set<string> | null = allowed;
  const noValueLeft = remaining !== null && [...remaining].every((v) => excluded.has(v));
  return isEmpty(bounds) || (set && unset) || noValueLeft;
}

function subjectOf(rule: SegmentCondition): string | null {
  switch (rule.kind) {
    case 'field':
      return `field:${rule.field}`;
    case 'attribute':
      return `attribute:${rule.path}`;
    default:
      return null;
  }
}

/** Contradictions between the conditions of one AND group. */
function andContradiction(rules: readonly SegmentRule[]): NeverReason | null {
  const tests = new Map<string, Comparison[]>();
  const flags = new Map<string, Set<boolean>>();
  let stages: Set<string> | null = null;
  const flag = (key: string, value: boolean) => {
    const seen = flags.get(key) ?? new Set<boolean>();
    seen.add(value);
    flags.set(key, seen);
  };
  for (const rule of rules) {
    if (rule.kind === 'group') continue;
    const subject = subjectOf(rule);
    if (subject !== null && (rule.kind === 'field' || rule.kind === 'attribute')) {
      tests.set(subject, [...(tests.get(subject) ?? []), rule.test]);
    }
    if (rule.kind === 'stage') {
      stages = intersect(stages, rule.in);
      if (stages.size === 0) return { subject: 'stage' };
    }
    if (rule.kind === 'consent') flag(`consent ${rule.channel}`, rule.granted);
    if (rule.kind === 'tag') flag(`tag ${rule.tag}`, rule.has);
    if (rule.kind === 'list') flag(`list ${rule.listId}`, rule.member);
    if (rule.kind === 'event' && rule.where.length === 0 && rule.when === undefined) {
      const never = rule.count?.op === 'atMost' && rule.count.n === 0;
      const some = rule.count === undefined || (rule.count.op === 'atLeast' && rule.count.n > 0);
      if (never || some) flag(`event ${rule.name}`, some);
    }
  }
  for (const [subject, list] of tests) {
    if (comparisonsContradict(list)) return { subject: subject.slice(subject.indexOf(':') + 1) };
  }
  for (const [subject, values] of flags) if (values.size > 1) return { subject };
  return null;
}

/** A single condition that cannot hold on its own (`in` an empty list, a reversed range). */
function leafNever(rule: SegmentCondition): NeverReason | null {
  if (rule.kind === 'stage' && rule.in.length === 0) return { subject: 'stage' };
  if (rule.kind === 'field' || rule.kind === 'attribute') {
    if (
      comparisonsContradict([rule.test]) ||
      (rule.test.op === 'in' && rule.test.values.length === 0)
    ) {
      return { subject: rule.kind === 'field' ? rule.field : rule.path };
    }
  }
  return null;
}

/** Analyses a rule; `reason` says what makes a `never` rule contradictory. */
export function analyseRule(rule: SegmentRule): { result: Satisfiability; reason?: NeverReason } {
  if (rule.kind !== 'group') {
    const reason = leafNever(rule);
    return reason ? { result: 'never', reason } : { result: 'maybe' };
  }
  const inner = analyseGroup(rule.combinator, rule.rules);
  if (!rule.not) return inner;
  if (inner.result === 'never') return { result: 'always' };
  if (inner.result === 'always') return { result: 'never', reason: { subject: 'not' } };
  return inner;
}

function analyseGroup(
  combinator: 'and' | 'or',
  rules: readonly SegmentRule[],
): { result: Satisfiability; reason?: NeverReason } {
  const children = rules.map(analyseRule);
  if (combinator === 'or') {
    if (children.some((c) => c.result === 'always')) return { result: 'always' };
    if (children.every((c) => c.result === 'never')) {
      return { result: 'never', reason: children[0]?.reason ?? { subject: 'or' } };
    }
    return { result: 'maybe' };
  }
  const never = children.find((c) => c.result === 'never');
  if (never) return never;
  const contradiction = andContradiction(rules);
  if (contradiction) return { result: 'never', reason: contradiction };
  return children.every((c) => c.result === 'always') ? { result: 'always' } : { result: 'maybe' };
}
