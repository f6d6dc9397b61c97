// Every table, one file per aggregate. Import as `schema` from `@rumbo/db`.
export * from './audit.schema.ts';
export * from './call-task.schema.ts';
export * from './campaign.schema.ts';
export * from './counter.schema.ts';
export * from './enrollment.schema.ts';
export * from './lead.schema.ts';
export * from './outbox.schema.ts';
export * from './review.schema.ts';
export * from './segment.schema.ts';
export * from './signal.schema.ts';
export * from './suppression.schema.ts';
export * from './workspace.schema.ts';
