import {
  generateCalls,
  percentile,
  PROVIDER_EXAMPLE_ORDER,
  PROVIDER_EXAMPLES,
  sendWebhooks,
} from '@callpulse/simulator';
import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.js';
import { settings } from '../settings.js';

export const usage = `callpulse send [--url URL] [--calls N] [--rate PER_SECOND] [--concurrency N]
                [--header 'name: value'] [--seed N] [--source NAME] [--test]
  Posts the provider's six example webhooks (default), or N generated calls
  (initiated → ringing → answered → ai/customer fragments → ended), to the webhook URL
  (default http://127.0.0.1:${'$'}INGEST_PORT/webhooks) and prints the status codes.
  The auth header defaults to INGEST_AUTH_HEADER with the first of INGEST_AUTH_TOKENS.`;

const positive = (name: string, value: string | undefined, fallback: number, min = 1): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min)
    throw new CliError(`--${name}: expected a number >= ${min}, got "${value}"`);
  return n;
};

export const run = async (argv: string[]): Promise<void> => {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      calls: { type: 'string' },
      rate: { type: 'string' },
      concurrency: { type: 'string' },
      header: { type: 'string', multiple: true },
      seed: { type: 'string' },
      source: { type: 'string' },
      test: { type: 'boolean', default: false },
    },
  });
  const env = settings();
  const url = values.url ?? `http://127.0.0.1:${env.INGEST_PORT}/webhooks`;
  try {
    new URL(url);
  } catch {
    throw new CliError(`--url: not a URL: ${url}`);
  }
  const headers: Record<string, string> = {};
  const authToken = env.INGEST_AUTH_TOKENS[0];
  if (env.INGEST_AUTH_HEADER && authToken) headers[env.INGEST_AUTH_HEADER] = authToken;
  for (const h of values.header ?? []) {
    const i = h.indexOf(':');
    if (i <= 0) throw new CliError(`--header: expected 'name: value', got "${h}"`);
    headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  const calls = values.calls === undefined ? 0 : positive('calls', values.calls, 0);
  const sequences =
    calls > 0
      ? generateCalls(calls, {
          seed: positive('seed', values.seed, Date.now() % 1_000_000, 0),
          source: values.source ?? 'simbox:SIM_0001',
          isTest: values.test,
          startUnixSeconds: Math.floor(Date.now() / 1000),
          callIdPrefix: `${Date.now().toString(36)}-`,
        }).map((c) => c.webhooks)
      : [PROVIDER_EXAMPLE_ORDER.map((name) => PROVIDER_EXAMPLES[name])];

  const total = sequences.reduce((n, s) => n + s.length, 0);
  const progress = process.stderr.isTTY || total >= 1000;
  let lastPrint = 0;
  console.error(
    `sending ${total} webhooks${calls ? ` (${calls} calls)` : ' (the six provider examples)'} to ${url}`,
  );
  const result = await sendWebhooks({
    url,
    sequences,
    headers,
    concurrency: positive('concurrency', values.concurrency, calls ? 10 : 1),
    ratePerSecond: positive('rate', values.rate, 0, 0),
    onProgress: (done, all) => {
      if (!progress || (Date.now() - lastPrint < 1000 && done < all)) return;
      lastPrint = Date.now();
      console.error(`  ${done}/${all} sent`);
    },
  });
  const seconds = result.elapsedMs / 1000;
  console.log(
    `sent ${result.sent} in ${seconds.toFixed(2)} s (${(result.sent / seconds).toFixed(0)}/s)`,
  );
  for (const [status, count] of Object.entries(result.statuses).sort()) {
    console.log(`  ${status === 'error' ? 'no answer' : `HTTP ${status}`}: ${count}`);
  }
  console.log(
    `  latency p50 ${percentile(result.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(result.latenciesMs, 99).toFixed(1)} ms`,
  );
  const failed = result.sent - (result.statuses['200'] ?? 0);
  if (failed > 0)
    throw new CliError(`${failed} of ${result.sent} webhooks were not accepted (see above)`);
};
