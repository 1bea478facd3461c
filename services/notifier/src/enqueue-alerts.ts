import {
  deliveryIdOf,
  planAlerts,
  renderAlert,
  renderSlack,
  type AlertKind,
} from '@callpulse/alerts';
import { decodeRuleMatchMessage, type RuleMatchMessage } from '@callpulse/contracts';
import {
  enqueueAlerts,
  isTransientDbError,
  loadCallFacts,
  type NewAlert,
  type Pool,
} from '@callpulse/db';
import type { DeadLetter, PartitionBatch } from '@callpulse/kafka';
import { backoffMs, sleep, type Logger } from '@callpulse/runtime';
import type { DestinationCache } from './destination-cache.js';
import type { NotifierMetrics } from './metrics.js';

/** The partition was revoked or the notifier is stopping: leave the offsets uncommitted. */
export class BatchAbandoned extends Error {
  override name = 'BatchAbandoned';
}

const callKey = (m: { source: string; callId: string }) => `${m.source}/${m.callId}`;

/**
 * Turns a batch of rule matches into stored deliveries, one per (match, destination, kind),
 * before the batch's offsets are committed: a replayed batch or a repeated status finds
 * its deliveries stored already and adds none. Sending is the senders' business; they
 * are told which destinations have new work.
 */
export const createAlertEnqueuer = ({
  pool,
  destinations,
  linkBaseUrl,
  deadLetter,
  metrics,
  logger,
  onEnqueued,
  callFactsWaitMs = 500, // how long an alert waits for the writer to store its call's numbers
}: {
  pool: Pool;
  destinations: DestinationCache;
  linkBaseUrl: string;
  deadLetter: DeadLetter;
  metrics: NotifierMetrics;
  logger: Logger;
  onEnqueued: (destinations: string[]) => void;
  callFactsWaitMs?: number;
}) => {
  /**
   * The writer stores the call beside the analyzer deciding the match, so its row may be a
   * moment behind: wait a little for it (an alert without the caller's number is less
   * useful), then go without.
   */
  const factsOf = async (calls: { source: string; callId: string }[]) => {
    const deadline = Date.now() + callFactsWaitMs;
    for (;;) {
      const facts = await loadCallFacts(pool, calls);
      const complete = calls.every((c) => facts.get(callKey(c))?.startedAt);
      if (complete || Date.now() >= deadline) return facts;
      await sleep(50);
    }
  };

  const build = async (matches: RuleMatchMessage[]): Promise<NewAlert[]> => {
    const planned: { match: RuleMatchMessage; kind: AlertKind; destination: string }[] = [];
    // A destination made a moment ago may not have reached the cache yet (its NOTIFY is
    // in flight, or was missed while the listener reconnected): read them again first.
    const named = matches.flatMap((m) => planAlerts(m).map((p) => p.destination));
    if (named.some((name) => !destinations.get(name))) await destinations.reload();
    for (const match of matches) {
      for (const p of planAlerts(match)) {
        const d = destinations.get(p.destination);
        if (!d)
          logger.warn(
            { rule: match.rule, destination: p.destination },
            'no such destination; alert not sent',
          );
        else if (d.enabled && d.url !== '') planned.push({ match, ...p });
      }
    }
    if (planned.length === 0) return [];
    const calls = [...new Map(planned.map((p) => [callKey(p.match), p.match])).values()];
    const facts = await factsOf(calls);
    return planned.map(({ match, kind, destination }) => {
      const body = renderAlert({
        match,
        kind,
        call: facts.get(callKey(match)) ?? {
          from: null,
          to: null,
          direction: null,
          startedAt: null,
          customer: null,
        },
        apiUrl: linkBaseUrl,
      });
      const type = destinations.get(destination)?.type;
      return {
        deliveryId: deliveryIdOf(match.matchId, destination, kind),
        matchId: match.matchId,
        kind,
        destination,
        source: match.source,
        callId: match.callId,
        rule: match.rule,
        ruleVersion: match.ruleVersion,
        isTest: match.isTest,
        body: JSON.stringify(type === 'slack' ? renderSlack(body) : body),
        triggerReceivedAt: match.trigger.receivedAt,
      };
    });
  };

  const store = async (alerts: NewAlert[]): Promise<string[]> => {
    // Matches first: a retraction is stored only where its match was alerted.
    const matched = await enqueueAlerts(
      pool,
      alerts.filter((a) => a.kind === 'rule.matched'),
    );
    const retracted = await enqueueAlerts(
      pool,
      alerts.filter((a) => a.kind === 'rule.retracted'),
    );
    return [...new Set([...matched, ...retracted])];
  };

  return async (batch: PartitionBatch): Promise<void> => {
    const matches: RuleMatchMessage[] = [];
    for (const message of batch.messages) {
      const decoded = decodeRuleMatchMessage(message.value);
      if (decoded.ok) matches.push(decoded.value);
      else {
        metrics.deadLetters.inc();
        await deadLetter(
          { topic: batch.topic, partition: batch.partition },
          message,
          decoded.error,
        );
      }
    }
    for (let failures = 0; ; failures++) {
      if (!batch.isActive())
        throw new BatchAbandoned('batch abandoned before its alerts were stored');
      try {
        const alerts = await build(matches);
        const woken = await store(alerts);
        metrics.enqueued.inc(alerts.length);
        if (woken.length > 0) onEnqueued(woken);
        return;
      } catch (error) {
        if (!isTransientDbError(error)) throw error;
        const wait = backoffMs(failures, { maxMs: 5_000 });
        logger.warn({ err: error, wait }, 'Postgres unavailable; retrying the batch');
        await sleep(wait);
        await batch.heartbeat().catch(() => {});
      }
    }
  };
};
