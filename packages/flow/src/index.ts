// Public API of the flow engine. Everything the web app, the server and the runner know
// about flows comes from here.

export * from './api/campaign.api.ts';
export * from './api/problem.api.ts';
export * from './catalogue/node-module.ts';
export * from './document/flow.schema.ts';
export * from './hash/assignment.ts';
export * from './hash/hash.ts';
export * from './ids.ts';
export * from './lead/lead.schema.ts';
export * from './segment/rule.schema.ts';
export * from './simulate/rng.ts';
export * from './validate/issue.ts';
