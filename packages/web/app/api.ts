/** Thrown for a 401: the page shows the login form. */
export class LoginRequired extends Error {}

/** JSON from the api with this browser's session cookie. */
export const getJson = async <T>(path: string): Promise<T> => {
  const res = await fetch(path, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  });
  if (res.status === 401) throw new LoginRequired('login required');
  if (!res.ok) throw new ApiError(res.status, await refusalOf(res));
  return (await res.json()) as T;
};

/** A refusal from the api: its status, and what it said was wrong as the message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Whether the api answered 404: a name not saved yet, a call not stored yet. */
export const isNotFound = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 404;

/** What the api said was wrong (`{ error, fields }`), else the status. */
const refusalOf = async (res: Response): Promise<string> => {
  const body = (await res.json().catch(() => ({}))) as {
    error?: string;
    fields?: { field: string; message: string }[];
  };
  const fields = body.fields?.map((f) => `${f.field}: ${f.message}`).join('; ');
  return fields || body.error || `HTTP ${res.status}`;
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

export interface FieldError {
  field: string;
  message: string;
}

/** A JSON request whose refusals are answers, not errors: `fields` names what was wrong. */
export const sendJson = async <T>(
  method: string,
  path: string,
  body: unknown,
): Promise<
  | { ok: true; status: number; value: T }
  | { ok: false; status: number; error: string; fields: FieldError[] }
> => {
  const res = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  if (res.status === 401) throw new LoginRequired('login required');
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.ok) return { ok: true, status: res.status, value: json as T };
  return {
    ok: false,
    status: res.status,
    error: typeof json.error === 'string' ? json.error : `HTTP ${res.status}`,
    fields: Array.isArray(json.fields) ? (json.fields as FieldError[]) : [],
  };
};
