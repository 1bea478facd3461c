import { randomBytes } from 'node:crypto';
import {
  generateCalls,
  sendWebhooks,
  type GeneratedCall,
  type SendResult,
} from '@callpulse/simulator';
import { INGEST_TOKEN, type TestStack } from './stack.js';

/** Fault scenarios run small in `npm test` and at full size in `npm run test:faults`. */
export const FULL = process.env.CALLPULSE_FAULTS === 'full';

export const scenarioSource = (name: string): string =>
  `fault-${name}:${randomBytes(3).toString('hex')}`;

/** About `events` webhooks as whole calls (10 events per call on average). */
export const callsFor = (events: number, source: string, seed = 1): GeneratedCall[] =>
  generateCalls(Math.max(1, Math.round(events / 10)), { seed, source, fragments: [6, 8] });

export const totalEvents = (calls: GeneratedCall[]): number =>
  calls.reduce((n, c) => n + c.webhooks.length, 0);

export const fragmentsIn = (calls: GeneratedCall[]): number =>
  calls.reduce((n, c) => n + c.webhooks.filter((w) => w.event_type === 'transcript').length, 0);

export const stream = (
  stack: TestStack,
  calls: GeneratedCall[] | unknown[][],
  { concurrency = 20, ratePerSecond = 0 } = {},
): Promise<SendResult> =>
  sendWebhooks({
    url: `${stack.urls.ingest}/webhooks`,
    sequences: calls.map((c) => (Array.isArray(c) ? c : c.webhooks)),
    headers: { 'x-api-key': INGEST_TOKEN },
    concurrency,
    ratePerSecond,
  });

export const report = (scenario: string, figures: Record<string, unknown>): void => {
  console.log(
    `FAULT ${scenario}: ${Object.entries(figures)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ')}`,
  );
};
