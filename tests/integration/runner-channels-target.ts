import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the loopback target received. */
export interface Received {
  path: string;
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** What the target does with the next request to a path: answer a status, after a delay. */
export interface Reply {
  status: number;
  delayMs?: number;
  body?: string;
}

/**
 * A real HTTP server on loopback standing in for the SMS gateway and webhook targets: each path
 * answers from its script (then 200), records every request, and — like a provider that honours
 * idempotency keys — counts a key's effect once however often it arrives.
 */
export class LoopbackTarget {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, Reply[]>();
  private server: Server | null = null;
  port = 0;

  script(path: string, replies: Reply[]): void {
    this.scripts.set(path, [...replies]);
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Requests to a path, and the distinct idempotency keys among them (deliveries that count). */
  at(path: string): { requests: Received[]; keys: string[] } {
    const requests = this.received.filter((r) => r.path === path);
    const keys = [...new Set(requests.map((r) => String(r.headers['idempotency-key'] ?? '')))];
    return { requests, keys };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        this.received.push({
          path,
          method: req.method ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const reply = this.scripts.get(path)?.shift() ?? { status: 200 };
        const answer = () => {
          if (res.destroyed) return;
          res.writeHead(reply.status, { 'content-type': 'application/json' });
          res.end(reply.body ?? JSON.stringify({ id: `gw-${this.received.length}` }));
        };
        if (reply.delayMs) setTimeout(answer, reply.delayMs);
        else answer();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
