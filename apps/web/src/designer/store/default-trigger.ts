import {
  assertNever,
  type FlowNode,
  matchAll,
  type NodeModule,
  type Transition,
  type Trigger,
  type TriggerKind,
} from '@rumbo/flow';

/**
 * Signals a marketer rarely wires first: `delivered` says little about interest, so a new
 * transition from an email starts at the first engagement signal (`opened`) instead.
 */
const LOW_INTEREST_SIGNALS = new Set(['delivered']);

const isWaitKind = (kind: TriggerKind) => kind === 'auto' || kind === 'delay';

/**
 * The trigger a freshly drawn transition gets: the first one the source allows that does not
 * clash with what already leaves it (an unused signal, the `else` a branch lacks, the weight
 * a split still misses). Null when the source allows no outgoing transition at all.
 */
export function defaultTrigger(
  module: NodeModule,
  source: FlowNode,
  outgoing: readonly Transition[],
): Trigger | null {
  const allowed = module.allowedTriggers;
  const used = outgoing.map((t) => t.trigger);
  if (allowed.includes('signal')) {
    const taken = new Set(used.flatMap((t) => (t.kind === 'signal' ? [t.signal] : [])));
    const free = module.signals(source.config).filter((s) => !taken.has(s));
    const signal = free.find((s) => !LOW_INTEREST_SIGNALS.has(s)) ?? free[0];
    if (signal !== undefined) return { kind: 'signal', signal };
  }
  if (allowed.includes('condition')) {
    const conditions = used.filter((t) => t.kind === 'condition');
    const hasElse = used.some((t) => t.kind === 'else');
    if (conditions.length > 0 && !hasElse && allowed.includes('else')) return { kind: 'else' };
    const order = conditions.reduce((max, t) => Math.max(max, t.order + 1), 0);
    return { kind: 'condition', order, rule: matchAll() };
  }
  if (allowed.includes('split')) {
    const sum = used.reduce((acc, t) => acc + (t.kind === 'split' ? t.weight : 0), 0);
    const weight = outgoing.length === 0 ? 50 : Math.max(0, 100 - sum);
    return { kind: 'split', weight };
  }
  if (!used.some((t) => isWaitKind(t.kind))) {
    if (allowed.includes('auto')) return { kind: 'auto' };
    if (allowed.includes('delay')) return { kind: 'delay', amount: 1, unit: 'days' };
  }
  if (allowed.includes('timeout') && !used.some((t) => t.kind === 'timeout')) {
    return { kind: 'timeout', amount: 3, unit: 'days' };
  }
  const first = allowed[0];
  return first === undefined ? null : triggerOfKind(first, module, source);
}

/** A trigger of the given kind with sensible defaults, for the transition editor's kind picker. */
export function triggerOfKind(kind: TriggerKind, module: NodeModule, source: FlowNode): Trigger {
  switch (kind) {
    case 'auto':
      return { kind: 'auto' };
    case 'delay':
      return { kind: 'delay', amount: 1, unit: 'days' };
    case 'timeout':
      return { kind: 'timeout', amount: 3, unit: 'days' };
    case 'signal':
      return { kind: 'signal', signal: module.signals(source.config)[0] ?? 'opened' };
    case 'condition':
      return { kind: 'condition', order: 0, rule: matchAll() };
    case 'else':
      return { kind: 'else' };
    case 'split':
      return { kind: 'split', weight: 50 };
    default:
      return assertNever(kind, 'trigger kind');
  }
}
