import pg from 'pg';

/**
 * LISTENs on `channels` on a connection of its own and reconnects when it breaks.
 * `onChange` also fires after every reconnect, since changes may have been missed (with
 * no payload: anything may have changed).
 */
export const listenForChanges = ({
  connectionString,
  channels,
  onChange,
  onError = () => {},
  reconnectMs = 2_000,
}: {
  connectionString: string;
  channels: readonly string[];
  onChange: (channel: string, payload?: string) => void;
  onError?: (error: Error) => void;
  reconnectMs?: number;
}): { close: () => Promise<void> } => {
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const connect = (first: boolean): void => {
    const c = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
    client = c;
    const retry = (error: Error): void => {
      onError(error);
      void c.end().catch(() => {});
      if (closed || client !== c) return;
      client = null;
      timer = setTimeout(() => connect(false), reconnectMs);
    };
    c.on('error', retry);
    c.on('notification', (n) => onChange(n.channel, n.payload));
    c.connect()
      .then(async () => {
        for (const channel of channels) await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      })
      .then(() => {
        if (!first) for (const channel of channels) onChange(channel);
      })
      .catch(retry);
  };
  connect(true);

  return {
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
};
