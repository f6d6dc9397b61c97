import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** One outbound HTTP call of a channel adapter (SMS gateway, webhook target). */
export interface HttpCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  /** Until the TCP (and TLS) connection is up. */
  connectTimeoutMs: number;
  /** Until the whole response has been read. */
  totalTimeoutMs: number;
  /** Loopback and private ranges are refused unless this is set (SSRF protection). */
  allowPrivateNetworks: boolean;
}

/**
 * What came back. `unreached`: no connection was made, so the target never saw the request;
 * `interrupted`: the request may have arrived (total timeout, connection reset) — safe to repeat
 * only because every call carries its idempotency key; `refused`: never sent (bad URL, blocked).
 */
export type HttpOutcome =
  | { kind: 'response'; status: number; body: string }
  | { kind: 'unreached'; error: string }
  | { kind: 'interrupted'; error: string }
  | { kind: 'refused'; error: string };

const MAX_BODY = 64 * 1024;

// Addresses a webhook must never reach from the server: its own loopback, private networks,
// link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, and their IPv6 forms.
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
PRIVATE.addAddress('::', 'ipv6');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** DNS lookup that refuses private answers, so a rebinding name cannot reach them either. */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 4);
    const first = addresses.find((a) => !isPrivateAddress(a.address));
    if (!first) {
      const blocked = Object.assign(new Error(`${hostname} resolves to a private address`), {
        code: 'EBLOCKED',
      });
      return callback(blocked, '', 4);
    }
    if (options.all) return callback(null, [first]);
    return callback(null, first.address, first.family);
  });
};

function refusal(call: HttpCall): { url: URL } | { error: string } {
  if (!URL.canParse(call.url)) return { error: `invalid URL "${call.url.slice(0, 200)}"` };
  const url = new URL(call.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: `unsupported protocol ${url.protocol} in "${call.url.slice(0, 200)}"` };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!call.allowPrivateNetworks && (isPrivateAddress(host) || host === 'localhost')) {
    return { error: `${host} is a private address (blocked)` };
  }
  return { url };
}

/**
 * Makes one HTTP request with a connect timeout and a total timeout; never throws. The
 * response body is read up to 64 KiB (kept for the ledger and the operator).
 */
export function httpCall(call: HttpCall): Promise<HttpOutcome> {
  const checked = refusal(call);
  if ('error' in checked) return Promise.resolve({ kind: 'refused', error: checked.error });
  const { url } = checked;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    const finish = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      resolve(outcome);
    };
    let request: http.ClientRequest;
    try {
      request = client.request(url, {
        method: call.method,
        headers: call.headers,
        agent: false,
        ...(call.allowPrivateNetworks ? {} : { lookup: guardedLookup }),
      });
    } catch (error) {
      // A header a merge field filled with a line break, an unknown method: never sent.
      settled = true;
      resolve({ kind: 'refused', error: error instanceof Error ? error.message : String(error) });
      return;
    }
    const connectTimer = setTimeout(() => {
      finish({ kind: 'unreached', error: `connect timeout after ${call.connectTimeoutMs} ms` });
      request.destroy();
    }, call.connectTimeoutMs);
    const totalTimer = setTimeout(() => {
      const error = `no complete response within ${call.totalTimeoutMs} ms`;
      finish(connected ? { kind: 'interrupted', error } : { kind: 'unreached', error });
      request.destroy();
    }, call.totalTimeoutMs);
    request.on('socket', (socket) => {
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
        connected = true;
        clearTimeout(connectTimer);
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const message = `${error.code ?? error.name}: ${error.message}`;
      if (error.code === 'EBLOCKED') finish({ kind: 'refused', error: error.message });
      else
        finish(
          connected
            ? { kind: 'interrupted', error: message }
            : { kind: 'unreached', error: message },
        );
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY);
        finish({ kind: 'response', status: response.statusCode ?? 0, body });
      });
      response.on('error', (error) => finish({ kind: 'interrupted', error: error.message }));
    });
    request.end(call.body ?? undefined);
  });
}
