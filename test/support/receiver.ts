import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request's body had arrived. */
  at: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Holds the answer back this long (a slow receiver). */
  delayMs?: number;
}

/**
 * An HTTP receiver on 127.0.0.1 standing in for Slack or a customer's webhook endpoint: it
 * records every request and answers as told (200 unless `answer` says otherwise).
 */
export const startReceiver = async (
  answer: (request: Received, index: number) => Answer = () => ({ status: 200 }),
) => {
  const received: Received[] = [];
  let answered = 0;
  let decide = answer;
  let port = 0;
  let server: Server;
  const open = (): Promise<void> =>
    new Promise((resolve, reject) => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const request: Received = {
            path: req.url ?? '',
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            at: performance.now(),
          };
          received.push(request);
          const a = decide(request, received.length - 1);
          setTimeout(() => {
            if (res.destroyed) return;
            res.writeHead(a.status, a.headers ?? {});
            res.end(a.status < 300 ? 'ok' : 'not now');
            answered++;
          }, a.delayMs ?? 0);
        });
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  await open();
  return {
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    /** Requests answered so far (a sender that gave up before the answer is not counted). */
    answered: () => answered,
    answerWith: (next: typeof answer) => void (decide = next),
    /** Stops listening (connections refused) until `open` again, on the same port. */
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    open,
  };
};

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Verifies a request with the official Standard Webhooks library; throws when it fails. */
export const verifyStandardWebhook = (secret: string, r: Received): unknown =>
  new Webhook(secret).verify(r.body, {
    'webhook-id': String(r.headers['webhook-id']),
    'webhook-timestamp': String(r.headers['webhook-timestamp']),
    'webhook-signature': String(r.headers['webhook-signature']),
  });
