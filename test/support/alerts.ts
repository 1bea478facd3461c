import { randomBytes } from 'node:crypto';
import { encodeRuleMatchMessage, type RuleMatchMessage } from '@callpulse/contracts';
import { expect } from 'vitest';
import { apiRequest, type TestStack } from './stack.js';
import { waitFor } from './wait-for.js';

export const whsecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export const expectOk = async (res: Response | Promise<Response>): Promise<Response> => {
  const r = await res;
  expect(r.status, await r.clone().text()).toBeLessThan(300);
  return r;
};

export const putDestination = (stack: TestStack, d: Record<string, unknown> & { name: string }) =>
  expectOk(apiRequest(stack, 'PUT', `/destinations/${d.name}`, d));

/** A live rule match as the analyzer publishes it, for driving the notifier directly. */
export const matchMessage = ({
  source,
  callId,
  rule,
  notify,
  status = 'fired',
  notifyOn = ['fired'],
  receivedAt = new Date().toISOString(),
}: {
  source: string;
  callId: string;
  rule: string;
  notify: string[];
  status?: RuleMatchMessage['status'];
  notifyOn?: RuleMatchMessage['notifyOn'];
  receivedAt?: string;
}): RuleMatchMessage => ({
  matchId: `${source}/${callId}/${rule}@1`,
  source,
  callId,
  isTest: false,
  rule,
  ruleVersion: 1,
  severity: 'high',
  phase: 'live',
  status,
  basis: 'event',
  atSecond: 5,
  matchedAt: null,
  decidedAt: new Date().toISOString(),
  evidence: [{ speaker: 'customer', text: 'I am not happy', start: 0, end: 14, atSecond: 5 }],
  trigger: { eventId: null, receivedAt },
  notify,
  notifyOn,
  origin: 'live',
});

/** Publishes matches to the stack's rule-matches topic, keyed like their calls. */
export const publishMatches = async (stack: TestStack, matches: RuleMatchMessage[]) => {
  const producer = stack.kafka.producer();
  await producer.connect();
  try {
    for (let i = 0; i < matches.length; i += 500)
      await producer.send({
        topic: `${stack.prefix}rule-matches`,
        messages: matches.slice(i, i + 500).map((m) => ({
          key: `${m.source}/${m.callId}`,
          value: encodeRuleMatchMessage(m),
        })),
      });
  } finally {
    await producer.disconnect();
  }
};

/** The ledger of a source's deliveries: by state, with attempts. */
export const deliveriesOf = async (stack: TestStack, source: string) =>
  (
    await stack.pool.query<{
      delivery_id: string;
      call_id: string;
      rule_name: string;
      destination: string;
      state: string;
      attempts: number;
      last_status: number | null;
      last_error: string | null;
    }>(
      `SELECT delivery_id, call_id, rule_name, destination, state, attempts, last_status, last_error
       FROM alert_deliveries WHERE source = $1 ORDER BY seq`,
      [source],
    )
  ).rows;

/** Committed offsets of `groupId` have reached the end of `topic` on every partition. */
export const groupCaughtUp = async (stack: TestStack, groupId: string, topic: string) => {
  const admin = stack.kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.every((end) => {
      const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      return end.high === '0' || at === end.high;
    });
  } finally {
    await admin.disconnect();
  }
};

/**
 * Waits until the notifier has read every match published so far, at least `count`
 * deliveries of `source` exist and none is pending: nothing more can come for what was
 * published.
 */
export const waitAllDelivered = async (
  stack: TestStack,
  source: string,
  count: number,
  timeoutMs = 120_000,
) =>
  waitFor(
    async () => {
      const rows = await deliveriesOf(stack, source);
      if (rows.length < count || rows.some((r) => r.state === 'pending')) return null;
      const read = await groupCaughtUp(
        stack,
        `${stack.prefix}notifier`,
        `${stack.prefix}rule-matches`,
      );
      if (!read) return null;
      const after = await deliveriesOf(stack, source);
      // More than `count` is returned too: the caller's assertion shows what was extra.
      return after.length >= count && after.every((r) => r.state !== 'pending') ? after : null;
    },
    { timeoutMs, what: `${count} deliveries of ${source} settled` },
  );
