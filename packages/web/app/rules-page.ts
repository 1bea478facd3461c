import { getJson, isNotFound, sendJson, type FieldError } from './api.js';
import { h } from './dom.js';
import { num, SEVERITIES, severityOf } from './format.js';

interface StoredRule extends Record<string, unknown> {
  name: string;
  description?: string;
  enabled: boolean;
  severity: string;
  when: unknown;
  notify?: string[];
  version?: number | string;
}
interface TryResult {
  matches: {
    rule: string;
    phase: string;
    status: string;
    basis: string;
    atSecond: number;
    evidence: unknown;
  }[];
  problems?: string[];
  explain?: string[];
}

const ruleHref = (name: string): string => `/rules/${encodeURIComponent(name)}`;

/** All rules, each linking to its editor, and a box to start a new one. */
export const renderRulesPage = (main: HTMLElement): (() => void) => {
  const name = h('input', {
    id: 'new-rule',
    name: 'name',
    required: true,
    pattern: '[a-z0-9][a-z0-9_\\-]*',
  });
  const form = h(
    'form',
    { class: 'inline', 'aria-label': 'New rule' },
    h('label', { for: 'new-rule' }, 'New rule name'),
    name,
    h('button', { type: 'submit' }, 'Create'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.assign(ruleHref(name.value.trim()));
  });
  const body = h('tbody');
  main.replaceChildren(
    h('h1', {}, 'Rules'),
    h(
      'table',
      { class: 'calls', 'aria-label': 'Rules' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Rule', 'Severity', 'Enabled', 'Version', 'Description'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      body,
    ),
    form,
  );
  void getJson<{ rules: StoredRule[] }>('/rules').then(({ rules }) => {
    body.replaceChildren(
      ...rules.map((r) => {
        const severity = severityOf(r.severity);
        return h(
          'tr',
          { 'data-rule': r.name },
          h('td', {}, h('a', { href: ruleHref(r.name) }, r.name)),
          h('td', {}, h('span', { class: `badge sev-${severity}` }, severity.toUpperCase())),
          h('td', {}, r.enabled ? 'yes' : 'no'),
          h('td', {}, String(r.version ?? '')),
          h('td', {}, r.description ?? ''),
        );
      }),
    );
  });
  return () => {};
};

const EXAMPLE_WHEN = { said: { terms: [{ term: 'cancel', match: 'stem' }], speaker: 'customer' } };

/** Webhook bodies pasted as a JSON array or one JSON body per line. */
const parseCall = (text: string): unknown[] => {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as unknown[];
  return trimmed
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);
};

/**
 * One rule's editor: its settings as fields, its condition as JSON, the api's errors beside
 * the field they name (a condition's path, e.g. `when.all[1].notFollowedBy.withinSeconds`,
 * beside the condition), and a "try it" box that evaluates a pasted call with the draft.
 */
export const renderRuleEditor = (main: HTMLElement, ruleName: string): (() => void) => {
  let loaded: StoredRule | null = null;
  const errorFor = (field: string): HTMLElement =>
    h('p', { class: 'field-error', 'data-field': field, role: 'alert' });
  const description = h('input', { id: 'description' });
  const severity = h(
    'select',
    { id: 'severity' },
    SEVERITIES.map((s) => h('option', { value: s, selected: s === 'medium' }, s)),
  );
  const enabled = h('input', { id: 'enabled', type: 'checkbox', checked: true });
  const notify = h('input', { id: 'notify' });
  const when = h('textarea', { id: 'when', rows: '8', spellcheck: 'false' });
  when.value = JSON.stringify(EXAMPLE_WHEN, null, 2);
  const formError = errorFor('(body)');
  const saved = h('p', { class: 'saved', role: 'status' });

  const showErrors = (fields: FieldError[], fallback: string): void => {
    for (const el of main.querySelectorAll<HTMLElement>('.field-error')) el.textContent = '';
    for (const el of main.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    const rest: string[] = [];
    const byField = new Map<string, string[]>();
    for (const { field, message } of fields) {
      const path = field.replace(/^rule\./, '');
      const top = /^[A-Za-z]+/.exec(path)?.[0] ?? '';
      if (['description', 'severity', 'enabled', 'notify', 'when'].includes(top)) {
        byField.set(top, [
          ...(byField.get(top) ?? []),
          top === path ? message : `${path}: ${message}`,
        ]);
      } else rest.push(`${field}: ${message}`);
    }
    for (const [field, messages] of byField) {
      const target = main.querySelector<HTMLElement>(`.field-error[data-field="${field}"]`);
      if (!target) continue;
      target.textContent = messages.join('; ');
      target.previousElementSibling?.setAttribute('aria-invalid', 'true');
    }
    formError.textContent = rest.join('; ') || (fields.length ? '' : fallback);
  };

  /** The draft, or null with the error shown when the condition is not JSON. */
  const draft = (): Record<string, unknown> | null => {
    let condition: unknown;
    try {
      condition = JSON.parse(when.value);
    } catch (error) {
      showErrors([{ field: 'when', message: `not JSON: ${(error as Error).message}` }], '');
      return null;
    }
    const { version: _v, updatedAt: _u, name: _n, ...rest } = loaded ?? ({} as Partial<StoredRule>);
    return {
      ...rest,
      description: description.value || undefined,
      severity: severity.value,
      enabled: enabled.checked,
      notify: notify.value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      when: condition,
    };
  };

  const form = h(
    'form',
    { class: 'editor', 'aria-label': `Rule ${ruleName}` },
    h('label', { for: 'description' }, 'Description'),
    description,
    errorFor('description'),
    h('label', { for: 'severity' }, 'Severity'),
    severity,
    errorFor('severity'),
    h('label', { class: 'check' }, enabled, ' Enabled'),
    errorFor('enabled'),
    h('label', { for: 'notify' }, 'Notify (comma-separated destinations)'),
    notify,
    errorFor('notify'),
    h('label', { for: 'when' }, 'Condition (JSON)'),
    when,
    errorFor('when'),
    formError,
    h('button', { type: 'submit' }, 'Save'),
    saved,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    saved.textContent = '';
    const body = draft();
    if (!body) return;
    void sendJson<StoredRule>('PUT', `/rules/${encodeURIComponent(ruleName)}`, body).then((res) => {
      if (res.ok) {
        showErrors([], '');
        loaded = res.value;
        saved.textContent = `Saved: version ${String(res.value.version ?? '')}`;
      } else showErrors(res.fields, res.error);
    });
  });

  const call = h('textarea', {
    id: 'try-call',
    rows: '6',
    spellcheck: 'false',
    'aria-label': 'Webhook bodies',
  });
  const result = h('div', { class: 'try-result', role: 'status' });
  const tryButton = h('button', { type: 'button' }, 'Try it');
  tryButton.addEventListener('click', () => {
    const rule = draft();
    if (!rule) return;
    let bodies: unknown[];
    try {
      bodies = parseCall(call.value);
    } catch (error) {
      result.replaceChildren(
        h('p', { class: 'field-error' }, `The call is not JSON: ${(error as Error).message}`),
      );
      return;
    }
    void sendJson<TryResult>('POST', `/rules/${encodeURIComponent(ruleName)}/try`, {
      rule,
      call: bodies,
    }).then((res) => {
      if (!res.ok) {
        showErrors(
          res.fields.filter((f) => f.field.startsWith('rule.')),
          res.error,
        );
        const other = res.fields.filter((f) => !f.field.startsWith('rule.'));
        result.replaceChildren(
          h(
            'p',
            { class: 'field-error' },
            other.map((f) => `${f.field}: ${f.message}`).join('; ') || 'Fix the rule first.',
          ),
        );
        return;
      }
      showErrors([], '');
      const { matches, problems = [], explain = [] } = res.value;
      result.replaceChildren(
        h('p', {}, matches.length ? `${matches.length} match(es)` : 'No match'),
        h(
          'ul',
          {},
          matches.map((m) =>
            h(
              'li',
              { class: 'try-match' },
              `${m.rule}: ${m.status} at ${num(m.atSecond, 1)} s (${m.phase}, ${m.basis})`,
            ),
          ),
        ),
        problems.length ? h('p', { class: 'field-error' }, problems.join('; ')) : '',
        explain.length ? h('pre', { class: 'evidence' }, explain.join('\n')) : '',
      );
    });
  });

  main.replaceChildren(
    h('p', {}, h('a', { href: '/rules' }, '← Rules')),
    h('h1', {}, `Rule ${ruleName}`),
    form,
    h(
      'section',
      { class: 'panel try', 'aria-label': 'Try it' },
      h('h2', {}, 'Try it'),
      h(
        'p',
        { class: 'muted small' },
        'Paste a call as the provider sends it (a JSON array of webhook bodies, or one per line): the draft (unsaved) is evaluated over it.',
      ),
      call,
      tryButton,
      result,
    ),
  );

  void getJson<StoredRule>(`/rules/${encodeURIComponent(ruleName)}`)
    .then((rule) => {
      loaded = rule;
      description.value = rule.description ?? '';
      severity.value = rule.severity;
      enabled.checked = rule.enabled;
      notify.value = (rule.notify ?? []).join(', ');
      when.value = JSON.stringify(rule.when, null, 2);
    })
    .catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
      saved.textContent = 'New rule: not saved yet.';
    });
  return () => {};
};
