// Public API of the runner: publish and run campaigns, enrol leads, advance them on pg-boss,
// route signals. Every function takes `db | tx` first.

// The validity period is flow semantics (packages/flow); re-exported for the runner's callers.
export { type EntryRefusal, entryRefusal, refusalMessage } from '@rumbo/flow/runtime';
export { type ApplyResult, applyDecisions, type NodeScope } from './advance/apply-decisions.ts';
export { type Claimed, claimBatch, lockBatch } from './advance/claim.ts';
export { type LeadRecord, loadLeads } from './advance/lead-records.ts';
export {
  applyClaimed,
  type BatchOptions,
  type BatchResult,
  DEFAULT_BATCH_SIZE,
  DEFAULT_STEP_BUDGET,
  drainNode,
  processNodeBatch,
  processOneIsolated,
} from './advance/process-batch.ts';
export { findStuckEnrollments, type StuckEnrollment } from './advance/stuck.ts';
export {
  BULK_ANALYZE_THRESHOLD,
  refreshAfterBulkEnrollment,
} from './campaign/bulk-statistics.ts';
export { RunnerError, type RunnerErrorCode } from './campaign/campaign.errors.ts';
export { type CampaignVersion, loadCampaignVersion } from './campaign/campaign-version.ts';
export {
  CAMPAIGN_COMMANDS,
  type CampaignCommand,
  changeCampaignStatus,
} from './campaign/lifecycle.ts';
export { type PublishedVersion, type PublishInput, publishCampaign } from './campaign/publish.ts';
export type {
  ChannelAdapter,
  ChannelAdapters,
  DeliveryOutcome,
  OutboundMessage,
} from './effects/channel-adapter.ts';
export {
  createEmailAdapter,
  createSmtpTransport,
  DEFAULT_FROM,
  type MailTransport,
  messageIdOf,
  type SendResult,
  sendPendingEmails,
} from './effects/email-sender.ts';
export { createSmsAdapter, createWebhookAdapter } from './effects/http-adapters.ts';
export { type SendOptions, sendPendingMessages } from './effects/outbox-sender.ts';
export { databaseNow, type EnrollResult, enrollFromSegments, enrollLead } from './enroll/enroll.ts';
export { type EntrySyncResult, syncEntries } from './enroll/entry-sync.ts';
export {
  type ArrivedEvent,
  type EventEntryResult,
  enrollFromEvents,
} from './enroll/event-entries.ts';
export type { InsertCounts } from './enroll/insert-enrollments.ts';
export { ENTRY_SYNC_CRON, ENTRY_SYNC_QUEUE, registerEntrySchedule } from './jobs/entry-schedule.ts';
export {
  createBoss,
  createTickWindow,
  NODE_QUEUE,
  NodeJob,
  type TickOptions,
  type TickWindow,
  tick,
  wakeNode,
  wakeTargets,
} from './jobs/node-queue.ts';
export {
  type RunnerLogger,
  type RunningRunner,
  type StartRunnerOptions,
  startRunner,
} from './jobs/start-runner.ts';
export { removeEnrollment, retryFailed } from './operations/enrollment-operations.ts';
export {
  type FastForwardInput,
  type FastForwardOutcome,
  fastForward,
} from './operations/fast-forward.ts';
export {
  type AdvanceInput,
  type AdvanceOutcome,
  advanceManual,
} from './operations/manual-advance.ts';
export { type IngestResult, ingestSignals, SignalInput } from './signals/ingest-signals.ts';
