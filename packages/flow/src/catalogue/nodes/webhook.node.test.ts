import { describe, expect, it } from 'vitest';
import { asNodeId } from '../../ids.ts';
import { webhookNode } from './webhook.node.ts';

const context = {
  node: { id: asNodeId('w1'), type: 'webhook', name: 'CRM', config: {} },
  outgoing: [],
};
const check = (config: Record<string, unknown>) =>
  webhookNode
    .validate(webhookNode.configSchema.parse(config), context)
    .map((i) => [i.code, i.path]);

describe('webhook node', () => {
  it('accepts an https URL with a merge field in its path', () => {
    expect(check({ url: 'https://crm.example.com/leads/{{ lead.key }}' })).toEqual([]);
  });

  it('reports a URL without a scheme, a bad header name and a body on GET', () => {
    expect(
      check({
        url: 'crm.example.com/hook',
        method: 'GET',
        body: '{}',
        headers: { 'Bad Header': 'x' },
      }),
    ).toEqual([
      ['invalid_url', ['config', 'url']],
      ['webhook_body_ignored', ['config', 'body']],
      ['webhook_invalid_header', ['config', 'headers', 'Bad Header']],
    ]);
  });

  it('gives up after 5 s by default and refuses timeouts over 30 s', () => {
    expect(webhookNode.defaults().timeoutMs).toBe(5000);
    expect(webhookNode.configSchema.safeParse({ timeoutMs: 60_000 }).success).toBe(false);
  });
});
