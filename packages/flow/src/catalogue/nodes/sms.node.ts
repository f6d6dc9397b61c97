import { z } from 'zod';
import type { Issue } from '../../validate/issue.ts';
import { makeIssue } from '../../validate/issue-codes.ts';
import { urlsIn } from '../config-fields.ts';
import { checkMergeFields } from '../merge-fields.ts';
import type { NodeModule } from '../node-module.ts';
import { SMS_SIGNALS } from '../signals.ts';

/** Beyond three concatenated parts (3 × 153 GSM characters) carriers bill and split badly. */
export const SMS_LENGTH_WARNING = 459;

export const SmsConfig = z.object({
  /** Text with merge fields; URLs in it are tracked. */
  text: z.string().max(1600).default(''),
  /** Alphanumeric sender id; empty = the workspace's default. */
  sender: z.string().max(11).default(''),
});
export type SmsConfig = z.infer<typeof SmsConfig>;

export const smsNode = {
  type: 'sms',
  label: { es: 'SMS', en: 'SMS' },
  description: { es: 'Envía un mensaje de texto.', en: 'Sends a text message.' },
  icon: 'message-square',
  category: 'message',
  configSchema: SmsConfig,
  defaults: () => SmsConfig.parse({}),
  action: 'send',
  channel: 'sms',
  defaultCost: 0.05,
  allowedTriggers: ['signal', 'timeout'],
  signals: () => SMS_SIGNALS,
  validate(config, context) {
    const nodeId = context.node.id;
    const path = ['config', 'text'];
    const issues: Issue[] = [];
    if (config.text.trim() === '')
      issues.push(makeIssue('message_body_missing', 'error', { nodeId, path }));
    if (config.text.length > SMS_LENGTH_WARNING) {
      const params = { length: config.text.length, limit: SMS_LENGTH_WARNING };
      issues.push(makeIssue('sms_too_long', 'warning', { nodeId, path }, params));
    }
    issues.push(...checkMergeFields(config.text, 'text', context));
    const urls = urlsIn(config.text);
    for (const t of context.outgoing) {
      if (t.trigger.kind !== 'signal' || t.trigger.link === undefined) continue;
      if (urls.includes(t.trigger.link)) continue;
      const params = { link: t.trigger.link };
      issues.push(makeIssue('unknown_link', 'error', { nodeId, transitionId: t.id }, params));
    }
    return issues;
  },
} satisfies NodeModule<SmsConfig>;
