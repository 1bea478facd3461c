/** Thrown for a 401: the page shows the login form. */
export class LoginRequired extends Error {}

/** JSON from the api with this browser's session cookie. */
export const getJson = async <T>(path: string): Promise<T> => {
  const res = await fetch(path, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  });
  if (res.status === 401) throw new LoginRequired('login required');
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
};

export interface SessionState {
  required: boolean;
  authenticated: boolean;
}

export const getSession = (): Promise<SessionState> => getJson<SessionState>('/session');

export type LoginResult = { ok: true } | { ok: false; field: string; message: string };

export const login = async (token: string): Promise<LoginResult> => {
  const res = await fetch('/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ token }),
  });
  if (res.ok) return { ok: true };
  const body = (await res.json().catch(() => ({}))) as {
    error?: string;
    fields?: { field: string; message: string }[];
  };
  const first = body.fields?.[0];
  return { ok: false, field: first?.field ?? 'token', message: first?.message ?? body.error ?? '' };
};

export const logout = async (): Promise<void> => {
  await fetch('/session', { method: 'DELETE', credentials: 'same-origin' });
};
