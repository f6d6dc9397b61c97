import {
  type Channel,
  compileSegmentSql,
  type FlowDocument,
  type JsonValue,
  type LeadSnapshot,
  SegmentRule,
  type Staleness,
  staleness,
  type Transition,
} from '@rumbo/flow';
import {
  createSplitChooser,
  type NodeRoutes,
  sendEligibility,
  waitsAfterAction,
} from '@rumbo/flow/runtime';
import { z } from 'zod';
import type { Effect } from '../effects/effects.ts';
import { type Executor, run } from '../sql/positional.ts';
import type { Claimed } from './claim.ts';
import { type Decision, endDecision, moveDecision, waitDecision } from './decision.ts';
import { earlySignals } from './early-signals.ts';
import { type LeadRecord, loadLeads, saveLeadUpdates } from './lead-records.ts';
import {
  actionEffect,
  deferDecision,
  invalidActionDecision,
  sendPolicies,
  withPolicy,
} from './send-action.ts';
import { WaitingFor, waitingFor } from './waiting-for.ts';

export interface BatchContext {
  db: Executor;
  document: FlowDocument;
  routes: NodeRoutes;
  /** PostgreSQL's now, epoch ms, read once per batch. */
  nowMs: number;
  stepBudget: number;
}

export interface BatchPlan {
  decisions: Decision[];
  effects: Effect[];
}

const to = (t: Transition) => ({ id: t.id, target: t.target });
const baseOf = (c: Claimed) => ({ id: c.id, attempt: c.attempt, arrive: c.status === 'active' });

function nodeCost(routes: NodeRoutes): number {
  return routes.node.cost ?? routes.module?.defaultCost ?? 0;
}

/** auto → now; delay → parked until now() + delay; neither → the journey fails (dead end). */
function timed(ctx: BatchContext, c: Claimed, extra: Partial<Decision>): Decision {
  const route = ctx.routes.timed;
  const base = baseOf(c);
  const acted = {
    acted: extra.acted ?? false,
    cost: extra.cost ?? 0,
    outcome: extra.outcome ?? null,
  };
  if (!route) return endDecision(base, 'failed', { error: 'no_transition' });
  if (route.after.ms === 0 && route.after.months === 0) {
    return moveDecision(base, to(route.transition), { kind: 'auto' }, acted);
  }
  const due = { kind: 'after', ms: route.after.ms, months: route.after.months } as const;
  return waitDecision(base, due, waitingFor(route, 'delay', ctx.routes), acted);
}

/** A parked enrollment whose due time came: it leaves by the transition it registered. */
function leaveDue(ctx: BatchContext, c: Claimed): Decision {
  const parsed = WaitingFor.safeParse(c.waitingFor);
  const base = baseOf(c);
  const tid = parsed.success ? parsed.data.due : null;
  const transition = ctx.document.transitions.find(
    (t) => t.id === tid && t.source === ctx.routes.node.id,
  );
  if (!parsed.success || !transition) return endDecision(base, 'failed', { error: 'lost_wait' });
  return moveDecision(base, to(transition), { kind: parsed.data.dueReason ?? 'timeout' });
}

const Pick = z.object({ lead_id: z.string(), pick: z.number() });

/** Branch conditions in order, each through the packages/flow SQL compiler, in one query. */
async function branchPicks(ctx: BatchContext, leadIds: string[]): Promise<Map<string, number>> {
  const params: unknown[] = [leadIds];
  const cases = ctx.routes.conditions.map((condition, index) => {
    const compiled = compileSegmentSql(SegmentRule.parse(condition.rule), {
      now: ctx.nowMs,
      params: { offset: params.length },
    });
    params.push(...compiled.params);
    return `WHEN (${compiled.sql}) THEN ${index}`;
  });
  const pick = cases.length > 0 ? `CASE ${cases.join(' ')} ELSE -1 END` : '-1';
  const rows = await run(
    ctx.db,
    `SELECT l.id AS lead_id, ${pick} AS pick FROM leads l WHERE l.id = ANY($1::uuid[])`,
    params,
  );
  return new Map(rows.map((raw) => Pick.parse(raw)).map((r) => [r.lead_id, r.pick]));
}

async function decideBranch(ctx: BatchContext, arrivals: Claimed[]): Promise<Decision[]> {
  const picks = await branchPicks(
    ctx,
    arrivals.map((c) => c.leadId),
  );
  const { conditions, otherwise, hold, timeout } = ctx.routes;
  return arrivals.map((c) => {
    const index = picks.get(c.leadId) ?? -1;
    const chosen = conditions[index];
    if (chosen) return moveDecision(baseOf(c), to(chosen.transition), { kind: 'condition', index });
    if (hold) {
      const due = timeout
        ? ({ kind: 'after', ms: timeout.after.ms, months: timeout.after.months } as const)
        : ({ kind: 'never' } as const);
      return waitDecision(baseOf(c), due, waitingFor(timeout, 'timeout', ctx.routes));
    }
    if (otherwise) return moveDecision(baseOf(c), to(otherwise), { kind: 'else' });
    return endDecision(baseOf(c), 'failed', { error: 'no_transition' });
  });
}

function decideSplit(ctx: BatchContext, arrivals: Claimed[]): Decision[] {
  const choose = createSplitChooser(ctx.routes, ctx.document.settings.seed);
  return arrivals.map((c) => {
    const transition = choose(c.leadKey);
    if (!transition) return endDecision(baseOf(c), 'failed', { error: 'no_transition' });
    return moveDecision(baseOf(c), to(transition), { kind: 'split' });
  });
}

function decideHold(ctx: BatchContext, arrivals: Claimed[], leads: Map<string, LeadRecord>) {
  const { routes } = ctx;
  return arrivals.map((c) => {
    const lead = leads.get(c.leadId);
    const route = routes.timed;
    if (!route || !lead) return endDecision(baseOf(c), 'failed', { error: 'no_transition' });
    const until = routes.module?.waitUntil?.(routes.config, lead.snapshot, c.enteredNodeAt) ?? null;
    if (until === null || !Number.isFinite(until)) {
      return moveDecision(baseOf(c), to(route.transition), { kind: 'waitUnresolved' });
    }
    if (until <= ctx.nowMs)
      return moveDecision(baseOf(c), to(route.transition), { kind: 'waited' });
    return waitDecision(
      baseOf(c),
      { kind: 'at', epochMs: until },
      waitingFor(route, 'waited', routes),
    );
  });
}

async function decideUpdate(
  ctx: BatchContext,
  arrivals: Claimed[],
  leads: Map<string, LeadRecord>,
) {
  const { routes } = ctx;
  const updates: { before: LeadRecord; after: LeadSnapshot }[] = [];
  for (const c of arrivals) {
    const lead = leads.get(c.leadId);
    if (lead && routes.module?.applyUpdate && routes.config !== null) {
      updates.push({
        before: lead,
        after: routes.module.applyUpdate(routes.config, lead.snapshot),
      });
    }
  }
  await saveLeadUpdates(ctx.db, updates);
  const cost = nodeCost(routes);
  return arrivals.map((c) => timed(ctx, c, { acted: true, cost, outcome: 'updated' }));
}

function staleReason(eligibility: string, stale: Staleness | null): JsonValue {
  if (stale === null) return { eligibility };
  return { eligibility, stale: { ...stale } };
}

/** Message, call and webhook nodes: act if eligible, then an early signal, or park for signals/timeout. */
async function decideAction(
  ctx: BatchContext,
  arrivals: Claimed[],
  leads: Map<string, LeadRecord>,
  plan: BatchPlan,
): Promise<Decision[]> {
  const { routes } = ctx;
  const channel: Channel | null = routes.module?.channel ?? null;
  const early = await earlySignals(ctx.db, routes, arrivals);
  const cost = nodeCost(routes);
  const policies = await sendPolicies(ctx, arrivals, leads, cost);
  return arrivals.map((c) => {
    const lead = leads.get(c.leadId);
    const eligibility =
      lead && channel
        ? sendEligibility(channel, lead.snapshot, {
            suppressed: lead.suppressed[channel],
            control: c.isControl,
          })
        : 'no_address';
    const stale = staleness(ctx.document, routes.node, c.dueAt, ctx.nowMs);
    const sendable = eligibility === 'eligible' && stale?.action !== 'skip';
    const policy = sendable ? policies.get(c.id) : undefined;
    if (policy?.kind === 'defer') return deferDecision(baseOf(c), policy, eligibility);
    const acted = sendable && lead !== undefined && policy?.kind !== 'skip';
    if (acted) {
      const effect = actionEffect(routes, c, lead, ctx.document.settings.mode);
      if (effect?.kind === 'invalid')
        return invalidActionDecision(baseOf(c), routes.node.id, effect);
      if (effect) plan.effects.push(effect);
    }
    const extra = {
      acted,
      cost: acted ? cost : 0,
      outcome: acted ? 'sent' : 'skipped',
      reason: withPolicy(staleReason(eligibility, stale), policy),
    };
    const hit = early.get(c.id);
    if (hit) {
      return moveDecision(
        baseOf(c),
        to(hit.transition),
        { kind: 'signal', signal: hit.signal, early: true, eligibility },
        extra,
      );
    }
    const timeout = routes.timeout;
    const due = timeout
      ? ({ kind: 'after', ms: timeout.after.ms, months: timeout.after.months } as const)
      : ({ kind: 'never' } as const);
    if (!waitsAfterAction(routes))
      return endDecision(baseOf(c), 'failed', { error: 'no_transition' });
    return waitDecision(baseOf(c), due, waitingFor(timeout, 'timeout', routes), extra);
  });
}

async function decideArrivals(
  ctx: BatchContext,
  arrivals: Claimed[],
  plan: BatchPlan,
): Promise<Decision[]> {
  const { routes } = ctx;
  const action = routes.module?.action ?? 'none';
  const needsLeads = ['hold', 'update', 'send', 'task', 'http'].includes(action);
  const leads = needsLeads
    ? await loadLeads(
        ctx.db,
        arrivals.map((c) => c.leadId),
        {
          lock: action === 'send' || action === 'task' || action === 'http' || action === 'update',
        },
      )
    : new Map<string, LeadRecord>();
  switch (action) {
    case 'enter':
      return arrivals.map((c) => timed(ctx, c, {}));
    case 'route':
      return routes.node.type === 'split'
        ? decideSplit(ctx, arrivals)
        : decideBranch(ctx, arrivals);
    case 'hold':
      return decideHold(ctx, arrivals, leads);
    case 'update':
      return decideUpdate(ctx, arrivals, leads);
    case 'send':
    case 'task':
    case 'http':
      return decideAction(ctx, arrivals, leads, plan);
    case 'goal': {
      const value =
        routes.module?.goalValue && routes.config !== null
          ? routes.module.goalValue(routes.config)
          : 0;
      return arrivals.map((c) =>
        endDecision(baseOf(c), 'converted', { value, reason: { kind: 'goal' } }),
      );
    }
    case 'exit':
      return arrivals.map((c) => endDecision(baseOf(c), 'exited', { reason: { kind: 'exit' } }));
    case 'none':
      return arrivals.map((c) => endDecision(baseOf(c), 'failed', { error: 'not_executable' }));
  }
}

/**
 * Decides the move of every claimed enrollment of one node: over-budget journeys fail, due
 * waits leave by their registered transition, arrivals act and choose per packages/flow.
 */
export async function decideBatch(
  ctx: BatchContext,
  claimed: readonly Claimed[],
): Promise<BatchPlan> {
  const plan: BatchPlan = { decisions: [], effects: [] };
  const arrivals: Claimed[] = [];
  for (const c of claimed) {
    if (c.status === 'waiting') plan.decisions.push(leaveDue(ctx, c));
    else if (c.stepCount >= ctx.stepBudget) {
      plan.decisions.push(endDecision(baseOf(c), 'failed', { error: 'step_budget_exceeded' }));
    } else arrivals.push(c);
  }
  if (arrivals.length > 0) plan.decisions.push(...(await decideArrivals(ctx, arrivals, plan)));
  return plan;
}
