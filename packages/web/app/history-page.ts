import { getJson } from './api.js';
import { type Bucket, callsChart } from './calls-chart.js';
import { h } from './dom.js';
import { callHref, durationText, callDurationMs, labelOf, labelText, num } from './format.js';

const PAGE = 50;
const FILTERS = ['since', 'until', 'label', 'status', 'list', 'rule', 'source'] as const;

const toLocalInput = (d: Date): string =>
  new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/**
 * Calls filtered by date range, label, list, rule, status and source, 50 a page; a chart
 * of calls per hour (per day past three days) with the negative share; the filtered set
 * as CSV. Filters live in the URL, so a filtered view is linkable.
 */
export const renderHistoryPage = (main: HTMLElement): (() => void) => {
  const params = new URLSearchParams(location.search);
  const offset = Number(params.get('offset') ?? 0) || 0;
  if (!params.get('since')) params.set('since', toLocalInput(new Date(Date.now() - 86_400_000)));

  const input = (name: string, label: string, attrs: Record<string, string> = {}) => {
    const el = h('input', { id: `f-${name}`, name, value: params.get(name) ?? '', ...attrs });
    return h('div', { class: 'filter' }, h('label', { for: `f-${name}` }, label), el);
  };
  const select = (name: string, label: string, options: string[]) =>
    h(
      'div',
      { class: 'filter' },
      h('label', { for: `f-${name}` }, label),
      h(
        'select',
        { id: `f-${name}`, name },
        options.map((o) =>
          h('option', { value: o, selected: (params.get(name) ?? '') === o }, o || 'any'),
        ),
      ),
    );
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filters', method: 'get', action: '/history' },
    input('since', 'From', { type: 'datetime-local' }),
    input('until', 'To', { type: 'datetime-local' }),
    select('label', 'Label', ['', 'positive', 'neutral', 'negative']),
    select('status', 'Status', ['', 'initiated', 'ringing', 'answered', 'ended', 'error']),
    input('list', 'List'),
    input('rule', 'Rule'),
    input('source', 'Source'),
    h('button', { type: 'submit' }, 'Apply'),
  );

  // The api takes instants: the form's local times are converted here.
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    const value = params.get(name);
    if (!value) continue;
    query.set(name, name === 'since' || name === 'until' ? new Date(value).toISOString() : value);
  }
  const since = Date.parse(query.get('since') ?? '');
  const until = query.get('until') ? Date.parse(query.get('until') ?? '') : Date.now();
  const bucket = until - since > 3 * 86_400_000 ? 'day' : 'hour';

  const chartBox = h(
    'section',
    { class: 'panel', 'aria-label': 'Calls over time' },
    h('h2', {}, `Calls per ${bucket}`),
  );
  const body = h('tbody');
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  // Filters the api refuses (From after To, say) are said, not left as an empty page.
  const refusal = h('p', { class: 'field-error', role: 'alert' });
  const refused = (error: unknown) => {
    refusal.textContent = `Cannot show these calls: ${(error as Error).message}`;
  };
  main.replaceChildren(
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'History'),
      h(
        'a',
        { href: `/calls.csv?${query.toString()}`, download: 'calls.csv', class: 'button' },
        'Export CSV',
      ),
    ),
    form,
    refusal,
    chartBox,
    h(
      'table',
      { class: 'calls', 'aria-label': 'Calls' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Call', 'Started', 'Status', 'Duration', 'Customer', 'Lists', 'Rules'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      body,
    ),
    pager,
  );

  void getJson<{ counts: Bucket[] }>(`/calls/over-time?${query.toString()}&bucket=${bucket}`).then(
    ({ counts }) =>
      chartBox.append(
        counts.length
          ? callsChart(counts, Math.min(1000, Math.max(320, main.clientWidth - 40)), [
              Math.floor(since / 3_600_000) * 3_600,
              Math.ceil(until / 3_600_000) * 3_600,
            ])
          : h('p', { class: 'muted' }, 'No calls in this range.'),
      ),
    refused,
  );
  void getJson<{ calls: Record<string, unknown>[]; nextOffset: number | null }>(
    `/calls?${query.toString()}&limit=${PAGE}&offset=${offset}`,
  ).then(({ calls, nextOffset }) => {
    body.replaceChildren(
      ...calls.map((c) => {
        const label = labelOf(c.label);
        const strings = (v: unknown) => (Array.isArray(v) ? v.join(', ') : '') || '–';
        return h(
          'tr',
          { 'data-call-id': String(c.call_id) },
          h(
            'td',
            {},
            h('a', { href: callHref(String(c.source), String(c.call_id)) }, String(c.call_id)),
            h('div', { class: 'muted small' }, String(c.source)),
          ),
          h(
            'td',
            {},
            typeof c.started_at === 'string' ? new Date(c.started_at).toLocaleString() : '–',
          ),
          h('td', {}, String(c.status)),
          h('td', {}, durationText(callDurationMs(c, Date.now()))),
          h(
            'td',
            { class: `sentiment ${label ?? 'none'}` },
            h('span', { class: 'label' }, labelText(label)),
            ` ${num(c.customer_sentiment)}`,
          ),
          h('td', {}, strings(c.keyword_lists_hit)),
          h('td', {}, strings(c.rules_matched)),
        );
      }),
    );
    const link = (to: number, text: string) => {
      const p = new URLSearchParams(params);
      p.set('offset', String(to));
      return h('a', { href: `/history?${p.toString()}` }, text);
    };
    pager.replaceChildren(
      offset > 0 ? link(Math.max(0, offset - PAGE), '← Newer') : '',
      h(
        'span',
        { class: 'muted' },
        ` calls ${calls.length ? offset + 1 : 0}–${offset + calls.length} `,
      ),
      nextOffset !== null ? link(nextOffset, 'Older →') : '',
    );
  }, refused);
  return () => {};
};
