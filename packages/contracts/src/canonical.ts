import { createHash, createHmac } from 'node:crypto';

/** JSON with object keys sorted, so the same body hashes the same whatever its key order. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

/**
 * An event id for deliveries without an idempotency header: the same body, the same id.
 * With a key it is an HMAC, which says nothing about the body to whoever lacks the key.
 */
export const bodyEventId = (body: unknown, key?: string): string =>
  key
    ? `hmac-sha256:${createHmac('sha256', key).update(canonicalJson(body)).digest('hex')}`
    : `sha256:${createHash('sha256').update(canonicalJson(body)).digest('hex')}`;
