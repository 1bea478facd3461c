import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = { ok: true } | { ok: false; error: string };

const TOLERANCE_SECONDS = 5 * 60;

/**
 * Standard Webhooks (standardwebhooks.com): HMAC-SHA256 over `${id}.${timestamp}.${body}`
 * with the base64 secret after `whsec_`; the header lists one or more `v1,<base64>`
 * signatures (several during a secret rotation). Timestamps outside ±5 min are refused.
 */
export const createSignatureVerifier = (secret: string) => {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  return ({
    id,
    timestamp,
    signature,
    body,
    nowSeconds,
  }: {
    id: string | undefined;
    timestamp: string | undefined;
    signature: string | undefined;
    body: Buffer;
    nowSeconds: number;
  }): SignatureCheck => {
    if (!id || !timestamp || !signature) {
      return {
        ok: false,
        error: 'missing webhook-id, webhook-timestamp or webhook-signature header',
      };
    }
    if (!/^\d{1,12}$/.test(timestamp))
      return { ok: false, error: 'webhook-timestamp is not Unix seconds' };
    if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) {
      return { ok: false, error: 'webhook-timestamp is outside the 5-minute tolerance' };
    }
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
    const matches = signature.split(' ').some((entry) => {
      const [version, value] = entry.split(',', 2);
      if (version !== 'v1' || !value) return false;
      const given = Buffer.from(value, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    return matches ? { ok: true } : { ok: false, error: 'no webhook-signature matches' };
  };
};

/** Signs like a Standard Webhooks sender; for tests and `callpulse send`. */
export const signWebhook = (
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): string => {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
};
