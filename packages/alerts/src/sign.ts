import { createHash, createHmac } from 'node:crypto';

/**
 * The Standard Webhooks headers for one attempt: `webhook-signature` is `v1,` and the
 * base64 HMAC-SHA256 of `id.timestamp.body` under the secret's bytes (after "whsec_").
 */
export const signWebhook = ({
  id,
  timestamp,
  body,
  secret,
}: {
  id: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  body: string;
  secret: string;
}): Record<string, string> => {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
  };
};

/**
 * The webhook-id of an alert: the same for a match (call and rule version), a destination
 * and a kind on every attempt and after every restart, so a receiver can drop repeats.
 */
export const deliveryIdOf = (matchId: string, destination: string, kind: string): string =>
  'msg_' +
  createHash('sha256')
    .update(`${matchId}\n${destination}\n${kind}`)
    .digest('base64url')
    .slice(0, 32);
