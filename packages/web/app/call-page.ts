import { getJson, isNotFound } from './api.js';
import { h } from './dom.js';
import {
  callDurationMs,
  durationText,
  isEnded,
  labelOf,
  labelText,
  num,
  severityOf,
  time,
} from './format.js';
import { highlight, type Hit } from './highlight.js';
import { rulesCell } from './live-page.js';
import { sentimentChart } from './sentiment-chart.js';
import { openLiveStream } from './stream.js';

interface Fragment {
  event_id: string;
  seq: number | string;
  speaker: string;
  text: string;
  occurred_at: string;
  comparative: number | null;
  label: string | null;
}
interface StoredHit {
  event_id: string;
  phase: string;
  list_name: string;
  term: string;
  start_offset: number;
  end_offset: number;
}
interface RuleMatch {
  rule_name: string;
  rule_version: number | string;
  severity: string;
  status: string;
  basis: string;
  at_second: number;
  evidence: unknown;
}
interface CallDetail extends Record<string, unknown> {
  source: string;
  call_id: string;
  fragments: Fragment[];
  hits: StoredHit[];
  ruleMatches: RuleMatch[];
  summary: { summary: Record<string, unknown> } | null;
  /** HOOK for alerts: rendered when the API answers with any. */
  alerts?: {
    id?: string;
    rule_name?: string;
    destination?: string;
    status?: string;
    sent_at?: string;
  }[];
}

const turnItem = (f: Fragment, hits: Hit[], second: number): HTMLElement => {
  const label = labelOf(f.label);
  return h(
    'li',
    {
      class: `turn ${f.speaker === 'customer' ? 'customer' : 'ai'} ${label ?? 'none'}`,
      'data-seq': String(f.seq),
    },
    h(
      'div',
      { class: 'turn-head' },
      h('span', { class: 'speaker' }, f.speaker === 'ai' ? 'AI' : 'Customer'),
      h('span', { class: 'at muted small' }, `${Math.max(0, Math.round(second))} s`),
      h('span', { class: `label ${label ?? 'none'}` }, labelText(label)),
      h('span', { class: 'muted small' }, num(f.comparative)),
    ),
    h('p', { class: 'text' }, highlight(f.text, hits)),
  );
};

/** What made a rule true: quoted lines with the matched words marked, else the raw JSON. */
const evidence = (value: unknown): HTMLElement => {
  const quotes = Array.isArray(value)
    ? (value as { text?: unknown; start?: unknown; end?: unknown; speaker?: unknown }[]).filter(
        (e) => typeof e.text === 'string',
      )
    : [];
  if (quotes.length === 0) return h('pre', { class: 'evidence' }, JSON.stringify(value, null, 2));
  return h(
    'ul',
    { class: 'evidence' },
    quotes.map((e) => {
      const text = e.text as string;
      const hits =
        typeof e.start === 'number' && typeof e.end === 'number'
          ? [{ start: e.start, end: e.end, list: 'evidence', term: text.slice(e.start, e.end) }]
          : [];
      return h(
        'li',
        {},
        h('span', { class: 'speaker' }, e.speaker === 'ai' ? 'AI: ' : 'Customer: '),
        h('q', {}, highlight(text, hits)),
      );
    }),
  );
};

const ruleItem = (m: RuleMatch): HTMLElement => {
  const severity = severityOf(m.severity);
  return h(
    'li',
    { class: `rule-match sev-${severity}`, 'data-rule': m.rule_name },
    h(
      'div',
      { class: 'turn-head' },
      h('span', { class: 'sev' }, severity.toUpperCase()),
      h('strong', {}, ` Rule ${m.rule_name}`),
      h('span', { class: 'muted small' }, ` ${m.status} at ${num(m.at_second, 1)} s (${m.basis})`),
    ),
    evidence(m.evidence),
  );
};

const summaryPanel = (call: CallDetail): HTMLElement | null => {
  if (!call.summary) return null;
  const s = call.summary.summary;
  const trajectory = (s.trajectory ?? {}) as { trend?: unknown };
  const hitsByList = (s.hitsByList ?? {}) as Record<string, number>;
  const label = labelOf(call.label);
  return h(
    'section',
    { class: 'panel summary', 'aria-label': 'Final summary' },
    h('h2', {}, 'Final summary'),
    h(
      'dl',
      {},
      h('dt', {}, 'Customer'),
      h('dd', { class: `label ${label ?? 'none'}` }, labelText(label)),
      h('dt', {}, 'Final transcript sentiment'),
      h('dd', {}, num(call.final_sentiment)),
      h('dt', {}, 'Customer trend'),
      h('dd', {}, typeof trajectory.trend === 'string' ? trajectory.trend : '–'),
      h('dt', {}, 'Hits by list'),
      h(
        'dd',
        {},
        Object.entries(hitsByList)
          .map(([l, n]) => `${l}: ${n}`)
          .join(', ') || '–',
      ),
    ),
  );
};

const alertsPanel = (call: CallDetail): HTMLElement | null => {
  if (!call.alerts?.length) return null;
  return h(
    'section',
    { class: 'panel alerts', 'aria-label': 'Alerts sent' },
    h('h2', {}, 'Alerts sent'),
    h(
      'ul',
      {},
      call.alerts.map((a) =>
        h(
          'li',
          {},
          `${a.rule_name ?? ''} → ${a.destination ?? ''} ${a.status ?? ''} ${a.sent_at ?? ''}`,
        ),
      ),
    ),
  );
};

/** One call: header, sentiment chart, turns with hits and rule matches, final summary. */
const render = (main: HTMLElement, call: CallDetail): void => {
  const start = time(call.started_at);
  const secondOf = (iso: string): number => (time(iso) - start) / 1000;
  const hitsByEvent = new Map<string, Hit[]>();
  for (const hit of call.hits) {
    if (hit.phase !== 'live') continue;
    const list = hitsByEvent.get(hit.event_id) ?? [];
    list.push({
      start: hit.start_offset,
      end: hit.end_offset,
      list: hit.list_name,
      term: hit.term,
    });
    hitsByEvent.set(hit.event_id, list);
  }
  const items: { second: number; el: HTMLElement }[] = call.fragments.map((f) => ({
    second: secondOf(f.occurred_at),
    el: turnItem(f, hitsByEvent.get(f.event_id) ?? [], secondOf(f.occurred_at)),
  }));
  // Rule matches sit in the timeline at the moment they fired.
  const turns = [...items];
  for (const m of call.ruleMatches) {
    if (m.status === 'retracted') continue;
    const at = turns.findIndex((t) => t.second > m.at_second);
    const item = { second: m.at_second, el: ruleItem(m) };
    if (at < 0) turns.push(item);
    else turns.splice(at, 0, item);
  }
  const points = call.fragments
    .filter((f) => typeof f.comparative === 'number')
    .map((f) => ({
      second: secondOf(f.occurred_at),
      speaker: f.speaker,
      comparative: f.comparative as number,
    }));
  const label = labelOf(call.label);
  const lists = Array.isArray(call.keyword_lists_hit) ? (call.keyword_lists_hit as string[]) : [];
  const ended = isEnded(call.status);
  main.replaceChildren(
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, `Call ${call.call_id}`),
      h('span', { class: 'muted' }, call.source),
      h(
        'span',
        { class: 'stream-state', 'data-state': ended ? 'ended' : 'live' },
        ended ? '' : '● live',
      ),
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Status'),
      h('dd', { class: 'status' }, String(call.status)),
      h('dt', {}, 'Direction'),
      h('dd', {}, typeof call.direction === 'string' ? call.direction : '–'),
      h('dt', {}, 'Duration'),
      h('dd', { class: 'duration' }, durationText(callDurationMs(call, Date.now()))),
      h('dt', {}, 'Customer'),
      h(
        'dd',
        { class: `label ${label ?? 'none'}` },
        `${labelText(label)} ${num(call.customer_sentiment)}`,
      ),
      h('dt', {}, 'Lists hit'),
      h('dd', {}, lists.join(', ') || '–'),
      h('dt', {}, 'Rules fired'),
      h(
        'dd',
        {},
        rulesCell(
          call.ruleMatches
            .filter((m) => m.status !== 'retracted')
            .map((m) => ({ name: m.rule_name, severity: m.severity })),
        ),
      ),
    ),
    alertsPanel(call) ?? '',
    h(
      'section',
      { class: 'panel', 'aria-label': 'Sentiment over the call' },
      h('h2', {}, 'Sentiment over the call'),
      points.length
        ? sentimentChart(points, Math.min(900, Math.max(320, main.clientWidth - 40)))
        : h('p', { class: 'muted' }, 'No scored turns yet.'),
    ),
    summaryPanel(call) ?? '',
    h(
      'section',
      { class: 'panel', 'aria-label': 'Conversation' },
      h('h2', {}, 'Conversation'),
      turns.length
        ? h(
            'ol',
            { class: 'turns' },
            turns.map((t) => t.el),
          )
        : h('p', { class: 'muted' }, 'No turns yet.'),
    ),
  );
};

/** The call page, refreshed from the api whenever the event stream says the call changed. */
export const renderCallPage = (main: HTMLElement, source: string, callId: string): (() => void) => {
  const path = `/calls/${encodeURIComponent(source)}/${encodeURIComponent(callId)}`;
  let loading = false;
  let again = false;
  const load = async (): Promise<void> => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      render(main, await getJson<CallDetail>(path));
    } catch (error) {
      if (isNotFound(error))
        main.replaceChildren(h('h1', {}, 'No such call'), h('p', {}, `${source} / ${callId}`));
      else throw error;
    } finally {
      loading = false;
    }
    if (again) {
      again = false;
      await load();
    }
  };
  const refresh = (): void => void load().catch((e: unknown) => console.warn(e));
  refresh();
  const mine = (row: { source: string; call_id: string }): boolean =>
    row.source === source && row.call_id === callId;
  const stream = openLiveStream({
    onState: () => {},
    onSnapshot: (rows) => {
      if (rows.some(mine)) refresh();
    },
    onCall: (row) => {
      if (mine(row)) refresh();
    },
  });
  return () => stream.close();
};
