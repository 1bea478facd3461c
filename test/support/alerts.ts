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

/** Waits until `count` deliveries of `source` exist and none is pending. */
export const waitAllDelivered = async (
  stack: TestStack,
  source: string,
  count: number,
  timeoutMs = 120_000,
) =>
  waitFor(
    async () => {
      const rows = await deliveriesOf(stack, source);
      return rows.length === count && rows.every((r) => r.state !== 'pending') ? rows : null;
    },
    { timeoutMs, what: `${count} deliveries of ${source} settled` },
  );
