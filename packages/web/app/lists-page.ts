import { getJson, isNotFound, sendJson, type FieldError } from './api.js';
import { h } from './dom.js';
import { labelOf, labelText, num } from './format.js';
import { highlight } from './highlight.js';

interface Term {
  term: string;
  match: 'exact' | 'stem' | 'phrase' | 'fuzzy';
  slop?: number;
  maxDistance?: number;
}
interface StoredList {
  name: string;
  description?: string;
  speakers: string[];
  enabled: boolean;
  terms: Term[];
  version?: number | string;
}
interface TryResult {
  sentiment: { score: number; comparative: number; label: string };
  hits: { list: string; term: string; start: number; end: number }[];
}

const listHref = (name: string): string => `/lists/${encodeURIComponent(name)}`;

/** All keyword lists, each linking to its editor, and a box to start a new one. */
export const renderListsPage = (main: HTMLElement): (() => void) => {
  const name = h('input', {
    id: 'new-list',
    name: 'name',
    required: true,
    pattern: '[a-z0-9_\\-]+',
  });
  const form = h(
    'form',
    { class: 'inline', 'aria-label': 'New list' },
    h('label', { for: 'new-list' }, 'New list name'),
    name,
    h('button', { type: 'submit' }, 'Create'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.assign(listHref(name.value.trim()));
  });
  const body = h('tbody');
  main.replaceChildren(
    h('h1', {}, 'Keyword lists'),
    h(
      'table',
      { class: 'calls', 'aria-label': 'Keyword lists' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['List', 'Terms', 'Speakers', 'Enabled', 'Version'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      body,
    ),
    form,
  );
  void getJson<{ lists: StoredList[] }>('/keyword-lists').then(({ lists }) => {
    body.replaceChildren(
      ...lists.map((l) =>
        h(
          'tr',
          { 'data-list': l.name },
          h('td', {}, h('a', { href: listHref(l.name) }, l.name)),
          h('td', {}, String(l.terms.length)),
          h('td', {}, l.speakers.join(', ')),
          h('td', {}, l.enabled ? 'yes' : 'no'),
          h('td', {}, String(l.version ?? '')),
        ),
      ),
    );
  });
  return () => {};
};

const MATCHES: Term['match'][] = ['exact', 'stem', 'phrase', 'fuzzy'];

/**
 * One list's editor: terms as rows, errors from the api shown next to the field they name
 * (`terms.2.term` beside that term), and a "try it" box that runs a text through the draft
 * with the analysis code before anything is saved.
 */
export const renderListEditor = (main: HTMLElement, listName: string): (() => void) => {
  const errorFor = (field: string): HTMLElement =>
    h('p', { class: 'field-error', 'data-field': field, role: 'alert' });
  const description = h('input', { id: 'description', name: 'description' });
  const speakers = h('input', { id: 'speakers', name: 'speakers', value: 'any' });
  const enabled = h('input', { id: 'enabled', type: 'checkbox', checked: true });
  const termsBody = h('tbody');
  const formError = errorFor('(body)');
  const saved = h('p', { class: 'saved', role: 'status' });

  const termRow = (t: Term): HTMLTableRowElement => {
    const tr = h('tr', { class: 'term-row' });
    const index = (): number => [...termsBody.children].indexOf(tr);
    const term = h('input', { class: 'term', 'aria-label': 'Term', value: t.term });
    const match = h(
      'select',
      { class: 'match', 'aria-label': 'Match' },
      MATCHES.map((m) => h('option', { value: m, selected: m === t.match }, m)),
    );
    const option = h('input', {
      class: 'option',
      type: 'number',
      'aria-label': 'Slop or distance',
      value: String(t.slop ?? t.maxDistance ?? ''),
    });
    const remove = h('button', { type: 'button', 'aria-label': 'Remove term' }, '✕');
    remove.addEventListener('click', () => {
      tr.remove();
      renumber();
    });
    tr.append(
      h('td', {}, term, errorFor('term')),
      h('td', {}, match, errorFor('match')),
      h('td', {}, option, errorFor('option')),
      h('td', {}, remove),
    );
    tr.dataset.index = String(index());
    return tr;
  };
  const renumber = (): void => {
    [...termsBody.children].forEach((tr, i) => ((tr as HTMLElement).dataset.index = String(i)));
  };
  const addTerm = h('button', { type: 'button' }, 'Add term');
  addTerm.addEventListener('click', () => {
    termsBody.append(termRow({ term: '', match: 'stem' }));
    renumber();
  });

  const draft = (): Record<string, unknown> => ({
    description: description.value || undefined,
    speakers: speakers.value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    enabled: enabled.checked,
    terms: [...termsBody.querySelectorAll<HTMLTableRowElement>('tr')].map((tr) => {
      const term = tr.querySelector<HTMLInputElement>('input.term')?.value ?? '';
      const match = tr.querySelector<HTMLSelectElement>('select.match')?.value ?? 'stem';
      const option = tr.querySelector<HTMLInputElement>('input.option')?.value ?? '';
      const extra =
        option === ''
          ? {}
          : match === 'phrase'
            ? { slop: Number(option) }
            : match === 'fuzzy'
              ? { maxDistance: Number(option) }
              : {};
      return { term, match, ...extra };
    }),
  });

  /** Each error beside its field; those naming no field on the page go under the form. */
  const showErrors = (fields: FieldError[], fallback: string): void => {
    for (const el of main.querySelectorAll<HTMLElement>('.field-error')) el.textContent = '';
    for (const el of main.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    const rest: string[] = [];
    for (const { field, message } of fields) {
      const path = field.replace(/^list\./, '');
      const term = /^terms\.(\d+)\.(term|match|slop|maxDistance)$/.exec(path);
      let target: HTMLElement | null = null;
      if (term?.[1] && term[2]) {
        const row = termsBody.children[Number(term[1])];
        const key = term[2] === 'slop' || term[2] === 'maxDistance' ? 'option' : term[2];
        target = row?.querySelector<HTMLElement>(`.field-error[data-field="${key}"]`) ?? null;
      } else if (
        ['description', 'speakers', 'enabled', 'terms'].includes(path.split('.')[0] ?? '')
      ) {
        target = main.querySelector<HTMLElement>(
          `.field-error[data-field="${path.split('.')[0]}"]`,
        );
      }
      if (target) {
        target.textContent = message;
        target.previousElementSibling?.setAttribute('aria-invalid', 'true');
      } else rest.push(`${field}: ${message}`);
    }
    formError.textContent = rest.join('; ') || (fields.length ? '' : fallback);
  };

  const form = h(
    'form',
    { class: 'editor', 'aria-label': `List ${listName}` },
    h('label', { for: 'description' }, 'Description'),
    description,
    errorFor('description'),
    h('label', { for: 'speakers' }, 'Speakers (comma-separated: customer, ai or any)'),
    speakers,
    errorFor('speakers'),
    h('label', { class: 'check' }, enabled, ' Enabled'),
    errorFor('enabled'),
    h(
      'table',
      { class: 'terms', 'aria-label': 'Terms' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Term', 'Match', 'Slop / distance', ''].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      termsBody,
    ),
    errorFor('terms'),
    addTerm,
    formError,
    h('button', { type: 'submit', class: 'primary' }, 'Save'),
    saved,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    saved.textContent = '';
    void sendJson<StoredList>(
      'PUT',
      `/keyword-lists/${encodeURIComponent(listName)}`,
      draft(),
    ).then((res) => {
      if (res.ok) {
        showErrors([], '');
        saved.textContent = `Saved: version ${String(res.value.version ?? '')}`;
      } else showErrors(res.fields, res.error);
    });
  });

  const text = h('textarea', { id: 'try-text', rows: '3', 'aria-label': 'Text to try' });
  const speaker = h(
    'select',
    { id: 'try-speaker', 'aria-label': 'Speaker' },
    h('option', { value: 'customer' }, 'customer'),
    h('option', { value: 'ai' }, 'ai'),
  );
  const result = h('div', { class: 'try-result', role: 'status' });
  const tryButton = h('button', { type: 'button' }, 'Try it');
  tryButton.addEventListener('click', () => {
    void sendJson<TryResult>('POST', `/keyword-lists/${encodeURIComponent(listName)}/try`, {
      list: draft(),
      text: text.value,
      speaker: speaker.value,
    }).then((res) => {
      if (!res.ok) {
        showErrors(res.fields, res.error);
        result.replaceChildren(h('p', { class: 'muted' }, 'Fix the list first.'));
        return;
      }
      showErrors([], '');
      const label = labelOf(res.value.sentiment.label);
      result.replaceChildren(
        h(
          'p',
          {},
          h('span', { class: `label ${label ?? 'none'}` }, labelText(label)),
          ` comparative ${num(res.value.sentiment.comparative)}, ${res.value.hits.length} hit(s)`,
        ),
        h(
          'p',
          { class: 'text' },
          highlight(
            text.value,
            res.value.hits.map((x) => ({ start: x.start, end: x.end, list: x.list, term: x.term })),
          ),
        ),
      );
    });
  });

  main.replaceChildren(
    h('p', {}, h('a', { href: '/lists' }, '← Keyword lists')),
    h('h1', {}, `List ${listName}`),
    form,
    h(
      'section',
      { class: 'panel try', 'aria-label': 'Try it' },
      h('h2', {}, 'Try it'),
      h(
        'p',
        { class: 'muted small' },
        'Runs the text through this draft (unsaved) with the analysis code.',
      ),
      text,
      speaker,
      tryButton,
      result,
    ),
  );

  void getJson<StoredList>(`/keyword-lists/${encodeURIComponent(listName)}`)
    .then((list) => {
      description.value = list.description ?? '';
      speakers.value = list.speakers.join(', ');
      enabled.checked = list.enabled;
      termsBody.replaceChildren(...list.terms.map(termRow));
      renumber();
    })
    .catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
      termsBody.replaceChildren(termRow({ term: '', match: 'stem' }));
      saved.textContent = 'New list: not saved yet.';
    });
  return () => {};
};
