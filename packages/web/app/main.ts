import './styles.css';
import { getSession, LoginRequired, logout } from './api.js';
import { renderCallPage } from './call-page.js';
import { h } from './dom.js';
import { renderHistoryPage } from './history-page.js';
import { renderListEditor, renderListsPage } from './lists-page.js';
import { renderLivePage } from './live-page.js';
import { renderLogin } from './login.js';
import { renderRuleEditor, renderRulesPage } from './rules-page.js';

const main = document.getElementById('main') as HTMLElement;
const logoutButton = document.getElementById('logout') as HTMLButtonElement;
let leave: () => void = () => {};

/** The page for the current path: `/` live calls, `/calls/<source>/<call id>`, `/lists`. */
const route = (): void => {
  leave();
  leave = () => {};
  const call = /^\/calls\/([^/]+)\/([^/]+)$/.exec(location.pathname);
  if (call?.[1] && call[2]) {
    leave = renderCallPage(main, decodeURIComponent(call[1]), decodeURIComponent(call[2]));
    return;
  }
  if (location.pathname === '/history') {
    leave = renderHistoryPage(main);
    return;
  }
  if (location.pathname === '/rules') {
    leave = renderRulesPage(main);
    return;
  }
  const rule = /^\/rules\/([^/]+)$/.exec(location.pathname);
  if (rule?.[1]) {
    leave = renderRuleEditor(main, decodeURIComponent(rule[1]));
    return;
  }
  if (location.pathname === '/lists') {
    leave = renderListsPage(main);
    return;
  }
  const list = /^\/lists\/([^/]+)$/.exec(location.pathname);
  if (list?.[1]) {
    leave = renderListEditor(main, decodeURIComponent(list[1]));
    return;
  }
  if (location.pathname === '/') {
    leave = renderLivePage(main);
    return;
  }
  main.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '/' }, 'Live calls')));
};

const start = async (): Promise<void> => {
  const session = await getSession();
  logoutButton.hidden = !session.required || !session.authenticated;
  if (session.required && !session.authenticated) {
    renderLogin(main, () => void start());
    return;
  }
  route();
};

logoutButton.addEventListener('click', () => {
  void logout().then(() => {
    leave();
    leave = () => {};
    void start();
  });
});

window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof LoginRequired) {
    event.preventDefault();
    void start();
  }
});

void start();
