import { describe, expect, it } from 'vitest';
import { httpDelivery, webhookHeaders } from './http-adapters.ts';
import { httpCall, isPrivateAddress } from './http-request.ts';

const noId = () => null;

describe('httpDelivery', () => {
  it('counts 2xx as sent and keeps the status for the ledger', () => {
    expect(httpDelivery({ kind: 'response', status: 204, body: '' }, () => 'x-1')).toEqual({
      kind: 'sent',
      providerId: 'x-1',
      response: { status: 204, body: '' },
    });
  });

  it('retries 5xx, 408 and 429, and fails other 4xx and 3xx for good', () => {
    const kind = (status: number) =>
      httpDelivery({ kind: 'response', status, body: '' }, noId).kind;
    expect([500, 503, 408, 429].map(kind)).toEqual(['retry', 'retry', 'retry', 'retry']);
    expect([400, 404, 422, 301].map(kind)).toEqual(['failed', 'failed', 'failed', 'failed']);
  });

  it('retries calls that got no (complete) answer and fails refused ones', () => {
    expect(httpDelivery({ kind: 'unreached', error: 'ECONNREFUSED' }, noId).kind).toBe('retry');
    expect(httpDelivery({ kind: 'interrupted', error: 'reset' }, noId).kind).toBe('retry');
    expect(httpDelivery({ kind: 'refused', error: 'blocked' }, noId)).toEqual({
      kind: 'failed',
      error: 'blocked',
    });
  });
});

describe('webhookHeaders', () => {
  it('keeps the node content type, sends one idempotency key whatever the casing, JSON by default', () => {
    const own = { 'Content-Type': 'text/plain', 'Idempotency-Key': 'forged', 'X-Token': 'abc' };
    expect(webhookHeaders(own, true, 'k-1')).toEqual({
      'content-type': 'text/plain',
      'idempotency-key': 'k-1',
      'user-agent': 'Rumbo-Webhook/1',
      'x-token': 'abc',
    });
    expect(webhookHeaders({}, true, 'k-2')['content-type']).toBe('application/json');
    expect(webhookHeaders({}, false, 'k-3')).not.toHaveProperty('content-type');
  });
});

describe('isPrivateAddress', () => {
  it('recognises loopback, private, link-local and their IPv6 and mapped forms', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
  });

  it('lets public addresses and host names through (names are checked when resolved)', () => {
    for (const address of ['8.8.8.8', '2001:4860:4860::8888', 'example.com', '172.32.0.1']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});

describe('httpCall', () => {
  it('refuses a malformed URL, another protocol and a private host without sending anything', async () => {
    const base = {
      method: 'POST',
      headers: {},
      body: null,
      connectTimeoutMs: 100,
      totalTimeoutMs: 100,
      allowPrivateNetworks: false,
    };
    expect(await httpCall({ ...base, url: 'not a url' })).toEqual({
      kind: 'refused',
      error: 'invalid URL "not a url"',
    });
    expect(await httpCall({ ...base, url: 'file:///etc/passwd' })).toMatchObject({
      kind: 'refused',
      error: expect.stringMatching(/^unsupported protocol file:/),
    });
    expect(await httpCall({ ...base, url: 'http://[::1]:8080/x' })).toEqual({
      kind: 'refused',
      error: '::1 is a private address (blocked)',
    });
    expect(await httpCall({ ...base, url: 'http://localhost/x' })).toMatchObject({
      kind: 'refused',
    });
  });

  it('refuses a header value with a line break (merge-field injection) instead of throwing', async () => {
    const outcome = await httpCall({
      method: 'POST',
      url: 'http://127.0.0.1:9/x',
      headers: { 'x-lead': 'ana\r\nX-Admin: 1' },
      body: '{}',
      connectTimeoutMs: 100,
      totalTimeoutMs: 100,
      allowPrivateNetworks: true,
    });
    expect(outcome).toMatchObject({ kind: 'refused', error: expect.stringMatching(/header/i) });
  });
});
