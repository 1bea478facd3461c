import type { Pool } from 'pg';

/** An alert to send, as the notifier makes it from a rule match. */
export interface NewAlert {
  deliveryId: string;
  matchId: string;
  kind: 'rule.matched' | 'rule.retracted';
  destination: string;
  source: string;
  callId: string;
  rule: string;
  ruleVersion: number;
  isTest: boolean;
  body: string;
  triggerReceivedAt: string | null;
}

/**
 * Stores alerts to send, each once: a delivery that exists already (a replayed batch, a
 * repeated status) is left as it is. A retraction is stored only where the match itself
 * was alerted to that destination, and nothing is stored for a destination that no longer
 * exists (the notifier may not have heard of the delete yet): it would wait for whatever
 * next takes the name. Holding the destination's row (FOR KEY SHARE) until the insert
 * commits makes a concurrent delete wait, and then end these alerts too.
 * Returns the destinations that have new work.
 */
export const enqueueAlerts = async (pool: Pool, alerts: readonly NewAlert[]): Promise<string[]> => {
  if (alerts.length === 0) return [];
  const { rows } = await pool.query<{ destination: string }>(
    `INSERT INTO alert_deliveries (delivery_id, match_id, kind, destination, source, call_id,
       rule_name, rule_version, is_test, body, trigger_received_at)
     SELECT a.j->>'deliveryId', a.j->>'matchId', a.j->>'kind', a.j->>'destination',
       a.j->>'source', a.j->>'callId', a.j->>'rule', (a.j->>'ruleVersion')::bigint,
       (a.j->>'isTest')::boolean, a.j->>'body', (a.j->>'triggerReceivedAt')::timestamptz
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(j, n)
     WHERE (a.j->>'kind' = 'rule.matched' OR EXISTS (
         SELECT 1 FROM alert_deliveries d WHERE d.match_id = a.j->>'matchId'
           AND d.destination = a.j->>'destination' AND d.kind = 'rule.matched'))
       AND EXISTS (
         SELECT 1 FROM destinations t WHERE t.name = a.j->>'destination' FOR KEY SHARE)
     ORDER BY a.n
     ON CONFLICT DO NOTHING
     RETURNING destination`,
    [JSON.stringify(alerts)],
  );
  return [...new Set(rows.map((r) => r.destination))];
};

/** What the store knows of a call when its alert is made. */
export interface CallFacts {
  from: string | null;
  to: string | null;
  direction: string | null;
  startedAt: string | null;
  customer: { average: number; fragments: number } | null;
}

/** Numbers, direction, start and the customer's mean sentiment so far, per call key. */
export const loadCallFacts = async (
  pool: Pool,
  calls: readonly { source: string; callId: string }[],
): Promise<Map<string, CallFacts>> => {
  const facts = new Map<string, CallFacts>();
  if (calls.length === 0) return facts;
  const { rows } = await pool.query<{
    source: string;
    call_id: string;
    from_number: string | null;
    to_number: string | null;
    direction: string | null;
    started_at: Date | null;
    customer_average: number | null;
    customer_fragments: number;
  }>(
    `SELECT k.source, k."callId" AS call_id, c.from_number, c.to_number, c.direction,
            COALESCE(c.initiated_at, c.first_event_at) AS started_at,
            s.average AS customer_average, COALESCE(s.n, 0)::int AS customer_fragments
     FROM jsonb_to_recordset($1::jsonb) AS k(source text, "callId" text)
     LEFT JOIN calls c ON c.source = k.source AND c.call_id = k."callId"
     LEFT JOIN LATERAL (
       SELECT avg(f.comparative) AS average, count(*) AS n FROM fragment_scores f
       WHERE f.source = k.source AND f.call_id = k."callId" AND f.speaker = 'customer'
     ) s ON true`,
    [JSON.stringify(calls)],
  );
  for (const r of rows) {
    facts.set(`${r.source}/${r.call_id}`, {
      from: r.from_number,
      to: r.to_number,
      direction: r.direction,
      startedAt: r.started_at ? r.started_at.toISOString() : null,
      customer:
        r.customer_fragments > 0 && r.customer_average !== null
          ? { average: r.customer_average, fragments: r.customer_fragments }
          : null,
    });
  }
  return facts;
};

/** A delivery waiting to be sent. */
export interface PendingDelivery {
  deliveryId: string;
  seq: string;
  kind: string;
  body: string;
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  lastError: string | null;
  triggerReceivedAt: Date | null;
}

/** The destination's pending deliveries, oldest first: each destination is sent in order. */
export const pendingDeliveries = async (
  pool: Pool,
  destination: string,
  limit: number,
): Promise<PendingDelivery[]> =>
  (
    await pool.query<{
      delivery_id: string;
      seq: string;
      kind: string;
      body: string;
      attempts: number;
      created_at: Date;
      next_attempt_at: Date;
      last_error: string | null;
      trigger_received_at: Date | null;
    }>(
      // seq is a bigint (a string here); ordered as a number, not as its text.
      `SELECT delivery_id, seq, kind, body, attempts, created_at, next_attempt_at, last_error,
              trigger_received_at
       FROM alert_deliveries WHERE destination = $1 AND state = 'pending' ORDER BY seq LIMIT $2`,
      [destination, limit],
    )
  ).rows.map((r) => ({
    deliveryId: r.delivery_id,
    seq: r.seq,
    kind: r.kind,
    body: r.body,
    attempts: r.attempts,
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    triggerReceivedAt: r.trigger_received_at,
  }));

/** Destinations with deliveries still to send (after a restart, where to resume). */
export const destinationsWithPending = async (pool: Pool): Promise<string[]> =>
  (
    await pool.query<{ destination: string }>(
      `SELECT DISTINCT destination FROM alert_deliveries WHERE state = 'pending'`,
    )
  ).rows.map((r) => r.destination);

/** Records one attempt: delivered, failed (to be retried at `nextAttemptAt`) or dead. */
export const recordAttempt = async (
  pool: Pool,
  {
    deliveryId,
    at,
    outcome,
    status,
    error,
    nextAttemptAt = at,
  }: {
    deliveryId: string;
    at: Date;
    outcome: 'delivered' | 'failed' | 'dead';
    status: number | null;
    error: string | null;
    nextAttemptAt?: Date;
  },
): Promise<void> => {
  await pool.query(
    `UPDATE alert_deliveries SET
       attempts = attempts + 1,
       state = CASE $2 WHEN 'failed' THEN 'pending' ELSE $2 END,
       last_status = $3, last_error = $4,
       first_attempt_at = COALESCE(first_attempt_at, $5), last_attempt_at = $5,
       next_attempt_at = $6,
       delivered_at = CASE WHEN $2 = 'delivered' THEN $5 END,
       latency_ms = CASE WHEN $2 = 'delivered'
         THEN EXTRACT(EPOCH FROM ($5 - trigger_received_at)) * 1000 END
     WHERE delivery_id = $1 AND state = 'pending'`,
    [deliveryId, outcome, status, error, at, nextAttemptAt],
  );
};

/** Marks a delivery dead without an attempt (it outlived its deadline while waiting). */
export const markDeliveryDead = async (
  pool: Pool,
  deliveryId: string,
  reason: string,
): Promise<void> => {
  await pool.query(
    `UPDATE alert_deliveries SET state = 'dead', last_error = COALESCE(last_error || '; ', '') || $2
     WHERE delivery_id = $1 AND state = 'pending'`,
    [deliveryId, reason],
  );
};

/** A delivery as GET /alerts shows it. */
export interface AlertRecord {
  deliveryId: string;
  kind: string;
  destination: string;
  source: string;
  callId: string;
  rule: string;
  ruleVersion: number;
  isTest: boolean;
  state: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  firstAttemptAt: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  latencyMs: number | null;
}

/** Deliveries created at or after `since`, oldest first, optionally for one call. */
export const listAlerts = async (
  pool: Pool,
  {
    since,
    call,
    limit,
  }: { since: Date | null; call: { source: string; callId: string } | null; limit: number },
): Promise<AlertRecord[]> => {
  const { rows } = await pool.query<{ r: AlertRecord }>(
    `SELECT json_build_object(
       'deliveryId', delivery_id, 'kind', kind, 'destination', destination, 'source', source,
       'callId', call_id, 'rule', rule_name, 'ruleVersion', rule_version, 'isTest', is_test,
       'state', state, 'attempts', attempts, 'lastStatus', last_status, 'lastError', last_error,
       'createdAt', created_at, 'firstAttemptAt', first_attempt_at,
       'lastAttemptAt', last_attempt_at, 'deliveredAt', delivered_at, 'latencyMs', latency_ms
     ) AS r
     FROM alert_deliveries
     WHERE ($1::timestamptz IS NULL OR created_at >= $1)
       AND ($2::text IS NULL OR (source = $2 AND call_id = $3))
     ORDER BY seq LIMIT $4`,
    [since, call?.source ?? null, call?.callId ?? null, limit],
  );
  return rows.map((row) => row.r);
};

/**
 * Takes or renews the lease on sending `destination`'s alerts; false while another
 * instance holds an unexpired one.
 */
export const claimSender = async (
  pool: Pool,
  { destination, owner, leaseMs }: { destination: string; owner: string; leaseMs: number },
): Promise<boolean> => {
  const { rows } = await pool.query(
    `INSERT INTO alert_senders (destination, owner, lease_until)
     VALUES ($1, $2, now() + $3 * interval '1 millisecond')
     ON CONFLICT (destination) DO UPDATE
       SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
       WHERE alert_senders.owner = EXCLUDED.owner OR alert_senders.lease_until < now()
     RETURNING owner`,
    [destination, owner, leaseMs],
  );
  return rows.length > 0;
};

/** Gives the lease up (a clean stop), so another instance need not wait for it to run out. */
export const releaseSender = async (
  pool: Pool,
  destination: string,
  owner: string,
): Promise<void> => {
  await pool.query('DELETE FROM alert_senders WHERE destination = $1 AND owner = $2', [
    destination,
    owner,
  ]);
};

export const ALERTS_PENDING_CHANNEL = 'alerts_pending';
