import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'callpulse_session';

export interface Sessions {
  /** A new session value, valid for `ttlMs`. */
  issue: () => string;
  /** Whether a cookie value is a session this API issued and that has not expired. */
  verify: (value: string | undefined) => boolean;
  ttlMs: number;
}

/**
 * Browser sessions without server-side state: `<expiry ms>.<HMAC of it keyed by the API
 * token>`, so every api instance accepts every other's sessions and rotating API_TOKEN
 * ends them all. Logging out clears the cookie.
 */
export const createSessions = ({
  token,
  ttlMs = 12 * 60 * 60 * 1000, // a supervisor's shift
  now = Date.now,
}: {
  token: string;
  ttlMs?: number;
  now?: () => number;
}): Sessions => {
  const sign = (expiry: string): Buffer =>
    createHmac('sha256', token).update(`callpulse-session:${expiry}`).digest();
  return {
    ttlMs,
    issue: () => {
      const expiry = String(now() + ttlMs);
      return `${expiry}.${sign(expiry).toString('base64url')}`;
    },
    verify: (value) => {
      const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
      if (!match?.[1] || !match[2]) return false;
      const given = Buffer.from(match[2], 'base64url');
      const expected = sign(match[1]);
      return given.length === expected.length && timingSafeEqual(given, expected)
        ? Number(match[1]) > now()
        : false;
    },
  };
};
