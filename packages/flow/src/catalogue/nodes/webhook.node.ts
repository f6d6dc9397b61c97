import { z } from 'zod';
import type { Issue } from '../../validate/issue.ts';
import { makeIssue } from '../../validate/issue-codes.ts';
import { isHttpUrl } from '../config-fields.ts';
import { checkMergeFields } from '../merge-fields.ts';
import type { NodeModule } from '../node-module.ts';
import { WEBHOOK_SIGNALS } from '../signals.ts';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** RFC 9110 token characters for header names. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const WebhookConfig = z.object({
  method: z.enum(HTTP_METHODS).default('POST'),
  /** Absolute http(s) URL; merge fields allowed (`…/leads/{{ lead.key }}`). */
  url: z.string().max(2000).default(''),
  headers: z.record(z.string().max(100), z.string().max(2000)).default({}),
  /** Request body template; empty = the lead as JSON. */
  body: z.string().max(50_000).default(''),
  /** After this the call counts as a `failure`. */
  timeoutMs: z.number().int().min(100).max(30_000).default(5_000),
});
export type WebhookConfig = z.infer<typeof WebhookConfig>;

export const webhookNode = {
  type: 'webhook',
  label: { es: 'Webhook', en: 'Webhook' },
  description: {
    es: 'Llama a un sistema externo por HTTP con los datos del lead.',
    en: "Calls an external system over HTTP with the lead's data.",
  },
  icon: 'webhook',
  category: 'data',
  configSchema: WebhookConfig,
  defaults: () => WebhookConfig.parse({}),
  action: 'http',
  channel: 'webhook',
  defaultCost: 0.001,
  allowedTriggers: ['signal', 'timeout'],
  signals: () => WEBHOOK_SIGNALS,
  validate(config, context) {
    const nodeId = context.node.id;
    const issues: Issue[] = [];
    if (!isHttpUrl(config.url)) {
      issues.push(
        makeIssue('invalid_url', 'error', { nodeId, path: ['config', 'url'] }, { url: config.url }),
      );
    }
    if (config.method === 'GET' && config.body.trim() !== '') {
      issues.push(
        makeIssue('webhook_body_ignored', 'warning', { nodeId, path: ['config', 'body'] }),
      );
    }
    for (const [name, value] of Object.entries(config.headers)) {
      if (!HEADER_NAME.test(name)) {
        const path = ['config', 'headers', name];
        issues.push(
          makeIssue('webhook_invalid_header', 'error', { nodeId, path }, { header: name }),
        );
      }
      issues.push(...checkMergeFields(value, 'headers', context));
    }
    issues.push(...checkMergeFields(config.url, 'url', context));
    issues.push(...checkMergeFields(config.body, 'body', context));
    return issues;
  },
} satisfies NodeModule<WebhookConfig>;
