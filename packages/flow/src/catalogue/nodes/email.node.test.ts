import { describe, expect, it } from 'vitest';
import { Transition } from '../../document/flow.schema.ts';
import { asNodeId } from '../../ids.ts';
import { renderMergeFields } from '../merge-fields.ts';
import { emailNode } from './email.node.ts';

const context = (outgoing: Transition[] = [], knownFields?: string[]) => ({
  node: { id: asNodeId('m1'), type: 'email', name: 'Email', config: {} },
  outgoing,
  ...(knownFields ? { knownFields } : {}),
});
const codes = (config: Record<string, unknown>, ctx = context()) =>
  emailNode
    .validate(emailNode.configSchema.parse(config), ctx)
    .map((i) => [i.code, i.path ?? null]);

describe('email node', () => {
  it('reports a missing subject and an empty body', () => {
    expect(codes({})).toEqual([
      ['email_subject_missing', ['config', 'subject']],
      ['message_body_missing', ['config', 'body']],
    ]);
  });

  it('reports a link placed in the body that the email does not define, and a bad link URL', () => {
    const config = {
      subject: 'Hola',
      body: 'Compra: {{ links.buy }} o mira {{ links.more }}',
      links: [{ id: 'buy', url: 'www.shop.example' }],
    };
    expect(codes(config)).toEqual([
      ['invalid_url', ['config', 'links', 0, 'url']],
      ['unknown_link', ['config', 'body']],
    ]);
  });

  it('accepts a clicked transition naming a link by id or by URL', () => {
    const config = { subject: 's', body: 'b', links: [{ id: 'buy', url: 'https://shop.example' }] };
    const byId = Transition.parse({
      id: 'a',
      source: 'm1',
      target: 'x',
      trigger: { kind: 'signal', signal: 'clicked', link: 'buy' },
    });
    const byUrl = Transition.parse({
      id: 'b',
      source: 'm1',
      target: 'x',
      trigger: { kind: 'signal', signal: 'clicked', link: 'https://shop.example' },
    });
    expect(codes(config, context([byId, byUrl]))).toEqual([]);
  });

  it('errs on an unknown merge field unless a default covers it, and warns on an unclosed tag', () => {
    const config = {
      subject: 'Hola {{ lead.apodo }}',
      body: '{{ lead.ciudad | default: "tu ciudad" }} {{ lead.name',
    };
    const issues = emailNode.validate(
      emailNode.configSchema.parse(config),
      context([], ['country']),
    );
    expect(issues.map((i) => [i.code, i.severity, i.params])).toEqual([
      ['unknown_merge_field', 'error', { field: 'apodo' }],
      ['unclosed_merge_field', 'warning', {}],
      ['unknown_merge_field', 'warning', { field: 'ciudad' }],
    ]);
  });

  it('reports a malformed sender address', () => {
    expect(codes({ subject: 's', body: 'b', from: { name: 'Ana', address: 'ana@' } })).toEqual([
      ['invalid_email_address', ['config', 'from', 'address']],
    ]);
  });

  it('renders merge fields with their defaults', () => {
    const read = (path: string) => ({ name: 'Ana' })[path];
    expect(
      renderMergeFields('Hola {{ lead.name }} de {{ lead.city | default: "tu ciudad" }}', read),
    ).toBe('Hola Ana de tu ciudad');
  });
});
