/**
 * A scripted stand-in for TikTok's endpoint on 127.0.0.1 (port 0): each request takes the next
 * scripted answer (status/body, a delay, or a dropped connection) and is recorded.
 */
import http from 'http';
import type { AddressInfo } from 'net';

export interface ScriptedAnswer {
  status?: number;
  body?: string;
  delayMs?: number;
  /** Close the socket without answering: a network failure for the client. */
  drop?: boolean;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export const OK_BODY = '{"code":0,"message":"OK","request_id":"202611251200","data":{}}';

export class TikTokStub {
  readonly received: ReceivedRequest[] = [];
  private script: ScriptedAnswer[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private sockets = new Set<import('net').Socket>();
  private timers = new Set<NodeJS.Timeout>();

  async start(): Promise<string> {
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers for the next requests, in order; once used up, every request gets HTTP 200 code 0. */
  answer(...answers: ScriptedAnswer[]): void {
    this.script = answers;
    this.received.length = 0;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      this.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const next = this.script.shift() ?? { status: 200, body: OK_BODY };
      const reply = () => {
        if (next.drop) {
          req.socket.destroy();
          return;
        }
        res.writeHead(next.status ?? 200, { 'content-type': 'application/json', connection: 'close' });
        res.end(next.body ?? '');
      };
      if (next.delayMs) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          reply();
        }, next.delayMs);
        this.timers.add(timer);
      }
      else reply();
    });
  }
}
