import { getSession, LoginRequired } from './api.js';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

export interface LiveStreamHandlers {
  /** Every live call as stored now: sent on each (re)connection, replaces what is shown. */
  onSnapshot: (rows: CallRow[]) => void;
  /** One call changed. */
  onCall: (row: CallRow) => void;
  onState: (state: StreamState) => void;
}

export type CallRow = Record<string, unknown> & { source: string; call_id: string };

/**
 * The api's event stream. EventSource reconnects by itself after a dropped connection;
 * when it gives up (the server answered an error, e.g. while restarting) a new one is
 * opened after `retryMs`. Every connection starts with a snapshot, so nothing is missed
 * and nothing is added twice.
 */
export const openLiveStream = (
  { onSnapshot, onCall, onState }: LiveStreamHandlers,
  retryMs = 1_000, // pause before opening a new stream after the old one gave up
): { close: () => void } => {
  let source: EventSource | null = null;
  let closed = false;
  let timer: number | undefined;
  const open = (): void => {
    const es = new EventSource('/live/events');
    source = es;
    es.addEventListener('snapshot', (e) => {
      onState('live');
      onSnapshot(JSON.parse((e as MessageEvent<string>).data) as CallRow[]);
    });
    es.addEventListener('call', (e) =>
      onCall(JSON.parse((e as MessageEvent<string>).data) as CallRow),
    );
    es.addEventListener('error', () => {
      if (closed) return;
      onState('reconnecting');
      if (es.readyState === EventSource.CLOSED) {
        window.clearTimeout(timer);
        // Refused rather than dropped: a session that expired shows the login form.
        timer = window.setTimeout(() => {
          void getSession()
            .then((s) => {
              if (closed) return;
              if (s.required && !s.authenticated) throw new LoginRequired('session expired');
              open();
            })
            .catch((error: unknown) => {
              if (error instanceof LoginRequired) throw error;
              if (!closed) timer = window.setTimeout(open, retryMs);
            });
        }, retryMs);
      }
    });
  };
  onState('connecting');
  open();
  return {
    close: () => {
      closed = true;
      window.clearTimeout(timer);
      source?.close();
    },
  };
};
