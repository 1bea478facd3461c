import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkDestinationUrl, systemResolver, type Resolver } from './url-safety.js';

export type SendOutcome =
  | { ok: true; status: number; body: string }
  | {
      ok: false;
      /** The receiver's status, or null when there was no answer (refused, timeout, network). */
      status: number | null;
      error: string;
      /** From a 429 or 503's Retry-After: wait at least this long before the next send. */
      retryAfterMs: number | null;
      body: string;
    };

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export const parseRetryAfter = (value: string | undefined, now: number): number | null => {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
};

const MAX_ANSWER = 2048; // bytes of the receiver's answer kept for the ledger and the CLI

/**
 * POSTs one alert. The URL is checked (and its name resolved) before any socket is made,
 * and the connection goes to the address that was checked; redirects are never followed.
 */
export const sendAlert = async ({
  url,
  body,
  headers,
  timeoutMs = 10_000, // a receiver not done answering by then has failed; the send is retried
  allowPrivate,
  resolve = systemResolver,
  now = Date.now,
  signal,
}: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs?: number;
  allowPrivate: boolean;
  resolve?: Resolver;
  now?: () => number;
  /** Aborts the request (the notifier is stopping): the outcome is a failure without status. */
  signal?: AbortSignal;
}): Promise<SendOutcome> => {
  const checked = await checkDestinationUrl(url, { allowPrivate, resolve });
  if (!checked.ok)
    return {
      ok: false,
      status: null,
      error: `refused: ${checked.error}`,
      retryAfterMs: null,
      body: '',
    };
  const first = checked.addresses[0];
  if (!first) return { ok: false, status: null, error: 'no address', retryAfterMs: null, body: '' };
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) callback(null, checked.addresses);
    else callback(null, first.address, first.family);
  };
  const client = checked.url.protocol === 'https:' ? https : http;
  return new Promise<SendOutcome>((settle) => {
    // One deadline for the whole exchange, answer included. The socket's own timeout counts
    // only idle time, so a receiver trickling a byte every few seconds would hold the
    // destination (and outlive the sender's lease) for as long as it liked.
    const deadline = setTimeout(() => {
      done({
        ok: false,
        status: null,
        error: `no complete answer within ${timeoutMs} ms`,
        retryAfterMs: null,
        body: '',
      });
      req.destroy();
    }, timeoutMs);
    // The first outcome counts: errors from tearing the request down come after it.
    const done = (outcome: SendOutcome): void => {
      clearTimeout(deadline);
      settle(outcome);
    };
    const req = client.request(
      checked.url,
      {
        method: 'POST',
        lookup: pinned,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'callpulse-notifier',
          ...headers,
        },
        ...(signal ? { signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_ANSWER) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('error', (error) =>
          done({
            ok: false,
            status: res.statusCode ?? null,
            error: error.message,
            retryAfterMs: null,
            body: '',
          }),
        );
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const answer = Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER);
          if (status >= 200 && status < 300) return done({ ok: true, status, body: answer });
          const retryAfter = res.headers['retry-after'];
          done({
            ok: false,
            status,
            error:
              status >= 300 && status < 400
                ? `redirect to ${res.headers.location ?? '?'} not followed`
                : `HTTP ${status}`,
            retryAfterMs:
              status === 429 || status === 503 ? parseRetryAfter(retryAfter, now()) : null,
            body: answer,
          });
        });
      },
    );
    req.on('error', (error) =>
      done({ ok: false, status: null, error: error.message, retryAfterMs: null, body: '' }),
    );
    req.end(body);
  });
};
