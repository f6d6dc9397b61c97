import { z } from 'zod';
import type { Issue } from '../../validate/issue.ts';
import { makeIssue } from '../../validate/issue-codes.ts';
import { LocalisedText } from '../config-fields.ts';
import { checkMergeFields } from '../merge-fields.ts';
import type { NodeModule } from '../node-module.ts';

/** What the agent logs after a call; each outcome is a signal the flow can follow. */
export const CallOutcome = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z][a-z0-9_]*$/, 'use lowercase letters, digits and _'),
  label: LocalisedText,
});
export type CallOutcome = z.infer<typeof CallOutcome>;

export const DEFAULT_OUTCOMES: CallOutcome[] = [
  { id: 'objective_achieved', label: { es: 'Objetivo cumplido', en: 'Objective achieved' } },
  { id: 'interested', label: { es: 'Interesado', en: 'Interested' } },
  { id: 'not_interested', label: { es: 'No interesado', en: 'Not interested' } },
  { id: 'no_answer', label: { es: 'No contesta', en: 'No answer' } },
];

export const CALL_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export const CallConfig = z.object({
  /** What the agent says; merge fields show the lead's data on the call list. */
  script: z.string().max(20_000).default(''),
  /** Order on the call list when the daily capacity is short. */
  priority: z.enum(CALL_PRIORITIES).default('normal'),
  outcomes: z
    .array(CallOutcome)
    .min(1)
    .max(20)
    .default(() => DEFAULT_OUTCOMES.map((o) => ({ id: o.id, label: { ...o.label } }))),
});
export type CallConfig = z.infer<typeof CallConfig>;

export const callNode = {
  type: 'call',
  label: { es: 'Llamada', en: 'Call' },
  description: {
    es: 'Crea una tarea en la lista de llamadas con guion y prioridad.',
    en: 'Creates a task on the call list with a script and a priority.',
  },
  icon: 'phone',
  category: 'message',
  configSchema: CallConfig,
  defaults: () => CallConfig.parse({}),
  action: 'task',
  channel: 'call',
  defaultCost: 2.5,
  allowedTriggers: ['signal', 'timeout'],
  signals: (config) => config.outcomes.map((o) => o.id),
  validate(config, context) {
    const nodeId = context.node.id;
    const issues: Issue[] = [];
    if (config.script.trim() === '') {
      issues.push(
        makeIssue('call_script_missing', 'warning', { nodeId, path: ['config', 'script'] }),
      );
    }
    issues.push(...checkMergeFields(config.script, 'script', context));
    const seen = new Set<string>();
    config.outcomes.forEach((outcome, index) => {
      if (seen.has(outcome.id)) {
        const path = ['config', 'outcomes', index, 'id'];
        issues.push(
          makeIssue('call_outcome_duplicate', 'error', { nodeId, path }, { outcome: outcome.id }),
        );
      }
      seen.add(outcome.id);
    });
    const followed = new Set<string>();
    let hasTimeout = false;
    for (const t of context.outgoing) {
      if (t.trigger.kind === 'signal') followed.add(t.trigger.signal);
      if (t.trigger.kind === 'timeout') hasTimeout = true;
    }
    // An outcome nobody follows leaves the lead waiting; with a timeout it still ends, so
    // that case is only a hint.
    for (const id of seen) {
      if (followed.has(id)) continue;
      const severity = hasTimeout ? 'info' : 'warning';
      issues.push(makeIssue('call_outcome_unhandled', severity, { nodeId }, { outcome: id }));
    }
    return issues;
  },
} satisfies NodeModule<CallConfig>;
