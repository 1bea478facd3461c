import {
  CALL_CHANGED_CHANNEL,
  countCallAlerts,
  listenForChanges,
  listLiveCalls,
  parseCallChanged,
  type LiveCallKey,
  type Pool,
} from '@callpulse/db';
import type { Logger } from '@callpulse/runtime';

export type LiveRow = Record<string, unknown>;

/** One browser's event stream. */
export interface LiveClient {
  send: (event: string, data: unknown) => void;
  comment: (text: string) => void;
  close: () => void;
}

export interface LiveHub {
  /** Adds a client; returns its unsubscribe. */
  subscribe: (client: LiveClient) => () => void;
  /** Every call the live page shows now. */
  snapshot: () => Promise<LiveRow[]>;
  clients: () => number;
  /** Ends every stream and stops listening. */
  close: () => Promise<void>;
}

const keyOf = (source: unknown, callId: unknown): string => JSON.stringify([source, callId]);

/** Rows with the alerts sent for each call (0 until alerts are stored). */
const withAlerts = async (pool: Pool, rows: LiveRow[]): Promise<LiveRow[]> => {
  const alerts = await countCallAlerts(
    pool,
    rows.map((r) => ({ source: String(r.source), callId: String(r.call_id) })),
  );
  return rows.map((r) => ({ ...r, alerts: alerts.get(keyOf(r.source, r.call_id)) ?? 0 }));
};

/**
 * Pushes what Postgres stores about live calls to every connected browser. Migration 0020's
 * triggers NOTIFY `call_changed` with a call's key at each commit; changes are gathered for
 * `flushMs`, each changed call is read once (its whole row, as the page shows it) and sent
 * to every client as a `call` event. After the LISTEN connection comes back, clients get a
 * fresh `snapshot` instead, since notifications may have been missed meanwhile.
 */
export const createLiveHub = ({
  pool,
  connectionString,
  logger,
  flushMs = 20, // how long changes are gathered before they are read and sent
  heartbeatMs = 15_000, // a comment line keeps proxies from closing an idle stream
}: {
  pool: Pool;
  connectionString: string;
  logger: Logger;
  flushMs?: number;
  heartbeatMs?: number;
}): LiveHub => {
  const log = logger.child({ component: 'live' });
  const clients = new Set<LiveClient>();
  const pending = new Map<string, LiveCallKey>();
  let resync = false;
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();

  const snapshot = async (): Promise<LiveRow[]> => withAlerts(pool, await listLiveCalls(pool, {}));

  const broadcast = (event: string, data: unknown): void => {
    for (const client of clients) client.send(event, data);
  };

  const flush = async (): Promise<void> => {
    timer = null;
    const keys = [...pending.values()];
    pending.clear();
    const all = resync;
    resync = false;
    if (clients.size === 0) return;
    if (all) {
      broadcast('snapshot', await snapshot());
      return;
    }
    if (keys.length === 0) return;
    const rows = await withAlerts(pool, await listLiveCalls(pool, { keys }));
    for (const row of rows) broadcast('call', row);
  };

  const schedule = (): void => {
    if (timer) return;
    timer = setTimeout(() => {
      // One flush at a time, in order: a later read never overtakes an earlier one.
      flushing = flushing
        .then(flush)
        .catch((error: unknown) => log.warn({ err: error }, 'live update failed'));
    }, flushMs);
  };

  const listener = listenForChanges({
    connectionString,
    channels: [CALL_CHANGED_CHANNEL],
    onChange: (_channel, payload) => {
      const key = payload === undefined ? null : parseCallChanged(payload);
      if (key) pending.set(keyOf(key.source, key.callId), key);
      else resync = true;
      schedule();
    },
    onError: (error) => log.warn({ err: error }, 'live LISTEN connection failed; reconnecting'),
  });

  const heartbeat = setInterval(() => {
    for (const client of clients) client.comment('ping');
  }, heartbeatMs);
  heartbeat.unref();

  return {
    subscribe: (client) => {
      clients.add(client);
      return () => void clients.delete(client);
    },
    snapshot,
    clients: () => clients.size,
    close: async () => {
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      for (const client of clients) client.close();
      clients.clear();
      await listener.close();
    },
  };
};
