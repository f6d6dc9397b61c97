// Public API of the flow engine. Everything the web app, the server and the runner know
// about flows comes from here.

export * from './api/campaign.api.ts';
export * from './api/problem.api.ts';
export * from './catalogue/config-fields.ts';
export * from './catalogue/merge-fields.ts';
export * from './catalogue/node-module.ts';
export * from './catalogue/nodes/branch.node.ts';
export * from './catalogue/nodes/call.node.ts';
export * from './catalogue/nodes/email.node.ts';
export * from './catalogue/nodes/entry.node.ts';
export * from './catalogue/nodes/exit.node.ts';
export * from './catalogue/nodes/goal.node.ts';
export * from './catalogue/nodes/note.node.ts';
export * from './catalogue/nodes/sms.node.ts';
export * from './catalogue/nodes/split.node.ts';
export * from './catalogue/nodes/update.node.ts';
export * from './catalogue/nodes/wait.node.ts';
export * from './catalogue/nodes/webhook.node.ts';
export * from './catalogue/registry.ts';
export * from './catalogue/signals.ts';
export * from './document/flow.schema.ts';
export * from './hash/assignment.ts';
export * from './hash/hash.ts';
export * from './ids.ts';
export * from './labels/duration.ts';
export * from './labels/signal-names.ts';
export * from './lead/attribute-path.ts';
export * from './lead/lead.schema.ts';
export * from './segment/rule.schema.ts';
export * from './simulate/rng.ts';
export * from './time/zoned-time.ts';
export * from './util/assert-never.ts';
export * from './validate/issue.ts';
export * from './validate/issue-codes.ts';
