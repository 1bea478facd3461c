import {
  createPacer,
  pacingOf,
  sendAlert,
  signWebhook,
  type Destination,
  type Pacer,
  type Resolver,
} from '@callpulse/alerts';
import {
  claimSender,
  markDeliveryDead,
  pendingDeliveries,
  recordAttempt,
  releaseSender,
  type PendingDelivery,
  type Pool,
} from '@callpulse/db';
import type { Logger } from '@callpulse/runtime';
import type { DestinationCache } from './destination-cache.js';
import type { NotifierMetrics } from './metrics.js';

export interface SenderSettings {
  allowPrivateUrls: boolean;
  timeoutMs: number;
  deadAfterMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  webhookPacing: { ratePerSecond: number; burst: number };
  /** This instance, as the lease table names it. */
  owner: string;
  /** How long a lease lasts without renewal; longer than any one send. */
  leaseMs: number;
  resolve?: Resolver;
}

/** Exponential backoff with equal jitter: never zero, so a failing receiver is not hammered. */
const retryDelayMs = (failures: number, baseMs: number, maxMs: number): number => {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(failures, 30));
  return Math.round(cap / 2 + (Math.random() * cap) / 2);
};

/**
 * Sends one destination's deliveries, oldest first, one at a time and paced. A failure
 * holds the whole destination back (so a call's alerts arrive in order) until the retry
 * time, which a 429/503's Retry-After sets when it gives one; each destination has its own
 * sender, so a slow or failing one never holds up another.
 */
export const createDestinationSender = ({
  name,
  pool,
  destinations,
  settings,
  metrics,
  logger,
  now = Date.now,
}: {
  name: string;
  pool: Pool;
  destinations: DestinationCache;
  settings: SenderSettings;
  metrics: NotifierMetrics;
  logger: Logger;
  now?: () => number;
}) => {
  let stopped = false;
  let wake: (() => void) | null = null;
  let woken = false;
  let failures = 0;
  let pacer: Pacer | null = null;
  let pacing = '';
  // Aborts the send in flight at stop: a slow receiver must not hold up a shutdown. The
  // alert stays pending and is sent again, under the same id, after the restart.
  const aborter = new AbortController();
  let leaseRenewAt = 0; // our clock: renew the lease from then on (half its length)
  let leased = false;

  /** Holds (or takes) the lease on this destination; false while another instance does. */
  const holdLease = async (): Promise<boolean> => {
    if (leased && now() < leaseRenewAt) return true;
    const asked = now();
    leased = await claimSender(pool, {
      destination: name,
      owner: settings.owner,
      leaseMs: settings.leaseMs,
    });
    if (leased) leaseRenewAt = asked + settings.leaseMs / 2;
    return leased;
  };

  /** Waits `ms`, or less when woken (new work) or stopped. */
  const nap = (ms: number, wakeable: boolean): Promise<void> =>
    new Promise((resolve) => {
      if (stopped || (wakeable && woken)) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = () => {
        if (wakeable || stopped) done();
      };
    });

  const record = async (args: Parameters<typeof recordAttempt>[1]): Promise<void> => {
    // Sent but not recorded would mean sent again later: keep trying while Postgres is away.
    for (let attempt = 0; ; attempt++) {
      try {
        return await recordAttempt(pool, args);
      } catch (error) {
        if (stopped) throw error;
        logger.warn({ err: error, destination: name }, 'cannot record an attempt yet; retrying');
        await nap(Math.min(5_000, 250 * 2 ** attempt), false);
      }
    }
  };

  const sendOne = async (row: PendingDelivery, d: Destination): Promise<boolean> => {
    const body = row.body;
    const headers =
      d.type === 'webhook' && d.secret
        ? signWebhook({
            id: row.deliveryId,
            timestamp: Math.floor(now() / 1000),
            body,
            secret: d.secret,
          })
        : { 'webhook-id': row.deliveryId };
    pacer?.take();
    const outcome = await sendAlert({
      url: d.url,
      body,
      headers,
      timeoutMs: settings.timeoutMs,
      allowPrivate: settings.allowPrivateUrls,
      ...(settings.resolve ? { resolve: settings.resolve } : {}),
      signal: aborter.signal,
    });
    if (stopped && !outcome.ok) return false;
    const at = now();
    if (outcome.ok) {
      failures = 0;
      metrics.attempts.inc({ destination: name, outcome: 'delivered' });
      if (row.triggerReceivedAt)
        metrics.latency.observe({ type: d.type }, (at - row.triggerReceivedAt.getTime()) / 1000);
      await record({
        deliveryId: row.deliveryId,
        at: new Date(at),
        outcome: 'delivered',
        status: outcome.status,
        error: null,
      });
      return true;
    }
    // Retry-After is honoured up to the longest pause we allow: a receiver asking for a day
    // would otherwise hold every alert behind this one for that day.
    const delay =
      outcome.retryAfterMs === null
        ? retryDelayMs(failures, settings.retryBaseMs, settings.retryMaxMs)
        : Math.min(outcome.retryAfterMs, settings.retryMaxMs);
    failures++;
    // Dead by the time it has spent undelivered, never by how far off the next attempt is.
    const dead = at - row.createdAt.getTime() >= settings.deadAfterMs;
    metrics.attempts.inc({ destination: name, outcome: dead ? 'dead' : 'failed' });
    logger.warn(
      {
        destination: name,
        deliveryId: row.deliveryId,
        status: outcome.status,
        error: outcome.error,
        retryInMs: dead ? null : delay,
      },
      dead ? 'alert delivery dead' : 'alert delivery failed; will retry',
    );
    pacer?.holdUntil(at + delay);
    await record({
      deliveryId: row.deliveryId,
      at: new Date(at),
      outcome: dead ? 'dead' : 'failed',
      status: outcome.status,
      error: outcome.error,
      nextAttemptAt: new Date(at + delay),
    });
    return dead; // a dead delivery no longer holds the others back
  };

  const run = async (): Promise<void> => {
    let dbFailures = 0;
    while (!stopped) {
      woken = false;
      const d = destinations.get(name);
      if (!d || !d.enabled || d.url === '') {
        await nap(30_000, true);
        continue;
      }
      const p = pacingOf(d, settings.webhookPacing);
      if (`${p.ratePerSecond}/${p.burst}` !== pacing) {
        pacing = `${p.ratePerSecond}/${p.burst}`;
        pacer = createPacer({ ...p, now });
      }
      try {
        const rows = await pendingDeliveries(pool, name, 50);
        dbFailures = 0;
        if (rows.length > 0 && !(await holdLease())) {
          // Another notifier sends this destination; new work wakes us to ask again.
          await nap(5_000, true);
          continue;
        }
        if (rows.length === 0) {
          await nap(5_000, true);
          continue;
        }
        for (const row of rows) {
          if (stopped) return;
          if (now() - row.createdAt.getTime() > settings.deadAfterMs) {
            await markDeliveryDead(pool, row.deliveryId, 'not delivered before its deadline');
            continue;
          }
          const wait = Math.max(pacer?.waitMs() ?? 0, row.nextAttemptAt.getTime() - now());
          if (wait > 0) await nap(wait, false);
          if (stopped) return;
          if (!(await holdLease())) break;
          // These rows were read while `d` was the destination: they go to it or nowhere.
          // Any change since (an edit, a disable, a delete and a new one of the same name)
          // shows as another object in the cache: read the rows again first.
          if (destinations.get(name) !== d) break;
          if (!(await sendOne(row, d))) break;
        }
      } catch (error) {
        if (stopped) return;
        logger.warn({ err: error, destination: name }, 'cannot read or update alerts; retrying');
        await nap(Math.min(5_000, 250 * 2 ** dbFailures++), false);
      }
    }
  };

  let running: Promise<void> | null = null;
  return {
    name,
    start: (): void => {
      running ??= run().catch((error: unknown) => {
        if (!stopped) logger.error({ err: error, destination: name }, 'alert sender failed');
      });
    },
    /** New work or a changed destination: look again now (a pacing or retry wait still holds). */
    wake: (): void => {
      woken = true;
      wake?.();
    },
    stop: async (): Promise<void> => {
      stopped = true;
      aborter.abort();
      wake?.();
      await running;
      if (leased) await releaseSender(pool, name, settings.owner).catch(() => {});
    },
  };
};

export type DestinationSender = ReturnType<typeof createDestinationSender>;
