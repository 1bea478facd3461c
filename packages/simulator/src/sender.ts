import { Agent, request } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';

export interface SendResult {
  sent: number;
  /** Count per HTTP status; `error` for requests that got no answer. */
  statuses: Record<string, number>;
  latenciesMs: number[];
  elapsedMs: number;
  /** Per webhook, in send order: the status and when it was answered (ms since start). */
  outcomes: {
    status: number | 'error';
    eventId: string | null;
    answeredAtMs: number;
    answeredAtEpochMs: number;
  }[];
}

export interface SendOptions {
  url: string;
  /** Each sequence is sent in order (a call's events); sequences run concurrently. */
  sequences: unknown[][];
  headers?: Record<string, string>;
  concurrency?: number; // requests in flight at most
  ratePerSecond?: number; // 0: as fast as the server answers
  timeoutMs?: number; // one request
  onProgress?: (done: number, total: number) => void;
}

/** Posts webhooks over keep-alive connections, paced to a rate, and counts the answers. */
export const sendWebhooks = async ({
  url,
  sequences,
  headers = {},
  concurrency = 10,
  ratePerSecond = 0,
  timeoutMs = 30_000,
  onProgress = () => {},
}: SendOptions): Promise<SendResult> => {
  const target = new URL(url);
  const https = target.protocol === 'https:';
  const agent = https
    ? new HttpsAgent({ keepAlive: true, maxSockets: concurrency })
    : new Agent({ keepAlive: true, maxSockets: concurrency });
  const total = sequences.reduce((n, s) => n + s.length, 0);
  const result: SendResult = { sent: 0, statuses: {}, latenciesMs: [], elapsedMs: 0, outcomes: [] };
  const started = performance.now();
  let scheduled = 0;

  const post = (body: unknown): Promise<{ status: number | 'error'; eventId: string | null }> =>
    new Promise((resolve) => {
      const payload = JSON.stringify(body);
      const req = (https ? httpsRequest : request)(
        target,
        {
          method: 'POST',
          agent,
          timeout: timeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...headers,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => {
            let eventId: string | null = null;
            try {
              eventId = (JSON.parse(text) as { eventId?: string }).eventId ?? null;
            } catch {
              // not our JSON; the status says enough
            }
            resolve({ status: res.statusCode ?? 0, eventId });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve({ status: 'error', eventId: null }));
      req.end(payload);
    });

  const pace = async (): Promise<void> => {
    if (ratePerSecond <= 0) return;
    const due = started + (scheduled++ * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sequences.length) {
      const sequence = sequences[next++] ?? [];
      for (const body of sequence) {
        await pace();
        const t0 = performance.now();
        const { status, eventId } = await post(body);
        const t1 = performance.now();
        result.latenciesMs.push(t1 - t0);
        result.statuses[String(status)] = (result.statuses[String(status)] ?? 0) + 1;
        result.outcomes.push({
          status,
          eventId,
          answeredAtMs: t1 - started,
          answeredAtEpochMs: Date.now(),
        });
        result.sent++;
        onProgress(result.sent, total);
      }
    }
  };
  // One sequence per worker at a time keeps each call's events in order.
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  result.elapsedMs = performance.now() - started;
  agent.destroy();
  return result;
};

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ??
    NaN
  );
};
