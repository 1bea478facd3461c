import { login } from './api.js';
import { h } from './dom.js';

/** The login form: the API token, checked by the api, which answers with a session cookie. */
export const renderLogin = (main: HTMLElement, onDone: () => void): void => {
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'aria-describedby': 'token-error',
  });
  const error = h('p', { id: 'token-error', class: 'field-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'login', 'aria-label': 'Log in' },
    h('h1', {}, 'Log in'),
    h('label', { for: 'token' }, 'API token'),
    input,
    error,
    h('button', { type: 'submit' }, 'Log in'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    void login(input.value).then((result) => {
      if (result.ok) return onDone();
      input.setAttribute('aria-invalid', 'true');
      error.textContent = result.message || 'Log in failed';
      input.focus();
    });
  });
  main.replaceChildren(form);
  input.focus();
};
