import { z } from 'zod';
import type { Issue } from '../../validate/issue.ts';
import { makeIssue } from '../../validate/issue-codes.ts';
import { isEmailAddress, isHttpUrl } from '../config-fields.ts';
import { checkMergeFields } from '../merge-fields.ts';
import type { NodeModule, NodeValidationContext } from '../node-module.ts';
import { EMAIL_SIGNALS } from '../signals.ts';

/** A tracked link; the body places it with `{{ links.<id> }}`, a `clicked` transition may name it. */
export const EmailLink = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  url: z.string().max(2000),
  label: z.string().max(200).default(''),
});
export type EmailLink = z.infer<typeof EmailLink>;

export const EmailConfig = z.object({
  subject: z.string().max(300).default(''),
  /** The grey line inboxes show after the subject. */
  preheader: z.string().max(300).default(''),
  /** Body with liquid-style merge fields (`{{ lead.name }}`) and links (`{{ links.offer }}`). */
  body: z.string().max(100_000).default(''),
  /** Empty = the workspace's default sender. */
  from: z
    .object({ name: z.string().max(200).default(''), address: z.string().max(320).default('') })
    .default({ name: '', address: '' }),
  replyTo: z.string().max(320).default(''),
  links: z.array(EmailLink).max(100).default([]),
});
export type EmailConfig = z.infer<typeof EmailConfig>;

const LINK_TAG = /\{\{\s*links\.([A-Za-z0-9_-]+)\s*\}\}/g;

function checkAddresses(config: EmailConfig, nodeId: NodeValidationContext['node']['id']): Issue[] {
  const issues: Issue[] = [];
  const addresses: [string, (string | number)[]][] = [
    [config.from.address, ['config', 'from', 'address']],
    [config.replyTo, ['config', 'replyTo']],
  ];
  for (const [address, path] of addresses) {
    if (address !== '' && !isEmailAddress(address)) {
      issues.push(makeIssue('invalid_email_address', 'error', { nodeId, path }, { address }));
    }
  }
  return issues;
}

function checkLinks(config: EmailConfig, context: NodeValidationContext): Issue[] {
  const issues: Issue[] = [];
  const nodeId = context.node.id;
  const ids = new Set<string>();
  config.links.forEach((link, index) => {
    if (ids.has(link.id)) {
      const path = ['config', 'links', index, 'id'];
      issues.push(makeIssue('duplicate_link', 'error', { nodeId, path }, { link: link.id }));
    }
    ids.add(link.id);
    if (!isHttpUrl(link.url)) {
      const path = ['config', 'links', index, 'url'];
      issues.push(makeIssue('invalid_url', 'error', { nodeId, path }, { url: link.url }));
    }
  });
  for (const match of config.body.matchAll(LINK_TAG)) {
    const link = match[1] ?? '';
    if (!ids.has(link)) {
      issues.push(
        makeIssue('unknown_link', 'error', { nodeId, path: ['config', 'body'] }, { link }),
      );
    }
  }
  const urls = new Set(config.links.map((l) => l.url));
  for (const t of context.outgoing) {
    if (t.trigger.kind !== 'signal' || t.trigger.link === undefined) continue;
    const link = t.trigger.link;
    if (ids.has(link) || urls.has(link)) continue;
    issues.push(makeIssue('unknown_link', 'error', { nodeId, transitionId: t.id }, { link }));
  }
  return issues;
}

export const emailNode = {
  type: 'email',
  label: { es: 'Email', en: 'Email' },
  description: {
    es: 'Envía un email con campos de combinación y enlaces con seguimiento.',
    en: 'Sends an email with merge fields and tracked links.',
  },
  icon: 'mail',
  category: 'message',
  configSchema: EmailConfig,
  defaults: () => EmailConfig.parse({}),
  action: 'send',
  channel: 'email',
  defaultCost: 0.01,
  allowedTriggers: ['signal', 'timeout'],
  signals: () => EMAIL_SIGNALS,
  validate(config, context) {
    const nodeId = context.node.id;
    const issues: Issue[] = [];
    if (config.subject.trim() === '') {
      issues.push(
        makeIssue('email_subject_missing', 'error', { nodeId, path: ['config', 'subject'] }),
      );
    }
    if (config.body.trim() === '') {
      issues.push(makeIssue('message_body_missing', 'error', { nodeId, path: ['config', 'body'] }));
    }
    for (const key of ['subject', 'preheader', 'body'] as const) {
      issues.push(...checkMergeFields(config[key], key, context));
    }
    return [...issues, ...checkAddresses(config, nodeId), ...checkLinks(config, context)];
  },
} satisfies NodeModule<EmailConfig>;
