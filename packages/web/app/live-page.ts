import { h } from './dom.js';
import {
  callDurationMs,
  callHref,
  durationText,
  isEnded,
  labelOf,
  labelText,
  num,
  severityOf,
} from './format.js';
import { sparkline } from './sparkline.js';
import { openLiveStream, type CallRow, type StreamState } from './stream.js';

const ENDED_WINDOW_MS = 60 * 60 * 1000; // ended calls shown this long after their last news
const keyOf = (row: CallRow): string => JSON.stringify([row.source, row.call_id]);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const ms = (value: unknown): number => {
  const t = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(t) ? 0 : t;
};
/** Newest first: by provider start (whole seconds), then by when we first stored it. */
const newer = (a: CallRow, b: CallRow): boolean =>
  ms(a.started_at) > ms(b.started_at) ||
  (ms(a.started_at) === ms(b.started_at) && ms(a.first_seen_at) > ms(b.first_seen_at));

export const rulesCell = (rules: unknown): HTMLElement => {
  const list = Array.isArray(rules) ? (rules as { name?: unknown; severity?: unknown }[]) : [];
  if (list.length === 0) return h('span', { class: 'muted' }, '–');
  return h(
    'ul',
    { class: 'badges' },
    list.map((r) => {
      const severity = severityOf(r.severity);
      return h(
        'li',
        { class: `rule sev-${severity}`, title: `${severity} severity` },
        h('span', { class: 'sev' }, severity.toUpperCase()),
        ` ${String(r.name)}`,
      );
    }),
  );
};

/**
 * Calls in progress and ended in the last hour, newest first, kept current by the event
 * stream: rows are keyed by call, so a snapshot after a reconnect replaces them and an
 * update changes one in place.
 */
export const renderLivePage = (main: HTMLElement): (() => void) => {
  const rows = new Map<string, { row: CallRow; tr: HTMLTableRowElement }>();
  const state = h('span', { class: 'stream-state', role: 'status', 'data-state': 'connecting' });
  const tbody = h('tbody');
  const alertsHead = h('th', { scope: 'col', class: 'alerts-col', hidden: true }, 'Alerts');
  const empty = h('p', { class: 'muted empty' }, 'No calls in progress or ended in the last hour.');
  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', {}, 'Live calls'), state),
    h(
      'table',
      { class: 'calls', 'aria-label': 'Live calls' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            'Call',
            'Status',
            'Duration',
            'Direction',
            'Customer so far',
            'Trend',
            'Lists hit',
            'Rules fired',
          ].map((t) => h('th', { scope: 'col' }, t)),
          alertsHead,
        ),
      ),
      tbody,
    ),
    empty,
  );

  const renderRow = (row: CallRow, tr: HTMLTableRowElement): void => {
    const label = labelOf(row.label);
    const lists = strings(row.keyword_lists_hit);
    const points = Array.isArray(row.sparkline) ? (row.sparkline as number[]) : [];
    const alerts = typeof row.alerts === 'number' ? row.alerts : 0;
    tr.dataset.status = String(row.status);
    tr.replaceChildren(
      h(
        'td',
        { class: 'call' },
        h('a', { href: callHref(row.source, row.call_id) }, row.call_id),
        h('div', { class: 'muted small' }, row.source),
      ),
      h('td', { class: `status st-${String(row.status)}` }, String(row.status)),
      h('td', { class: 'duration' }, durationText(callDurationMs(row, Date.now()))),
      h('td', {}, typeof row.direction === 'string' ? row.direction : '–'),
      h(
        'td',
        { class: `sentiment ${label ?? 'none'}` },
        h('span', { class: 'label' }, labelText(label)),
        h('span', { class: 'muted small' }, ` ${num(row.customer_sentiment)}`),
      ),
      h(
        'td',
        { class: 'trend' },
        points.length ? sparkline(points) : h('span', { class: 'muted' }, '–'),
      ),
      h(
        'td',
        { class: 'lists' },
        lists.length
          ? h(
              'ul',
              { class: 'badges' },
              lists.map((l) => h('li', { class: 'list' }, l)),
            )
          : h('span', { class: 'muted' }, '–'),
      ),
      h('td', { class: 'rules' }, rulesCell(row.rules)),
      h('td', { class: 'alerts-col', hidden: alertsHead.hidden }, alerts ? String(alerts) : '–'),
    );
  };

  const place = (entry: { row: CallRow; tr: HTMLTableRowElement }): void => {
    // Newest first: before the first shown row that is older.
    let before: Element | null = null;
    for (const tr of tbody.children) {
      if (tr === entry.tr) continue;
      const other = rows.get((tr as HTMLElement).dataset.key ?? '');
      if (other && newer(entry.row, other.row)) {
        before = tr;
        break;
      }
    }
    if (!entry.tr.isConnected || entry.tr.nextElementSibling !== before)
      tbody.insertBefore(entry.tr, before);
  };

  const upsert = (row: CallRow): void => {
    const key = keyOf(row);
    let entry = rows.get(key);
    if (!entry) {
      const tr = h('tr', { 'data-key': key, 'data-call-id': row.call_id });
      // When this browser first showed the call: the latency measurements read it.
      tr.dataset.shownAt = String(Date.now());
      entry = { row, tr };
      rows.set(key, entry);
    }
    entry.row = row;
    renderRow(row, entry.tr);
    place(entry);
  };

  const showAlerts = (): void => {
    const any = [...rows.values()].some(
      (e) => typeof e.row.alerts === 'number' && e.row.alerts > 0,
    );
    if (alertsHead.hidden === !any) return;
    alertsHead.hidden = !any;
    for (const cell of tbody.querySelectorAll<HTMLElement>('td.alerts-col')) cell.hidden = !any;
  };

  const setState = (s: StreamState): void => {
    state.dataset.state = s;
    state.textContent =
      s === 'live' ? '● live' : s === 'connecting' ? 'connecting…' : '○ reconnecting…';
  };

  const stream = openLiveStream({
    onState: setState,
    onSnapshot: (snapshot) => {
      const keep = new Set(snapshot.map(keyOf));
      for (const [key, entry] of rows) {
        if (keep.has(key)) continue;
        entry.tr.remove();
        rows.delete(key);
      }
      for (const row of snapshot) upsert(row);
      showAlerts();
      empty.hidden = rows.size > 0;
    },
    onCall: (row) => {
      upsert(row);
      showAlerts();
      empty.hidden = true;
    },
  });

  const tick = window.setInterval(() => {
    const now = Date.now();
    for (const [key, { row, tr }] of rows) {
      // An ended call leaves the page an hour after its last news, as the api's window.
      if (isEnded(row.status) && now - ms(row.last_seen_at) > ENDED_WINDOW_MS) {
        tr.remove();
        rows.delete(key);
        empty.hidden = rows.size > 0;
        continue;
      }
      const cell = tr.querySelector('td.duration');
      if (cell) cell.textContent = durationText(callDurationMs(row, now));
    }
  }, 1_000);

  return () => {
    stream.close();
    window.clearInterval(tick);
  };
};
