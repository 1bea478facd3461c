import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { deliveryIdOf, signWebhook } from './sign.js';

describe('Standard Webhooks signing', () => {
  it('produces signatures the official library verifies', () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const body = JSON.stringify({ type: 'rule.matched', text: 'ünïcode ✓' });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = signWebhook({ id: 'msg_1', timestamp, body, secret });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });

  it('gives one id per match, destination and kind, stable across calls', () => {
    const a = deliveryIdOf('s/c/rule@1', 'ops', 'rule.matched');
    expect(deliveryIdOf('s/c/rule@1', 'ops', 'rule.matched')).toBe(a);
    expect(deliveryIdOf('s/c/rule@2', 'ops', 'rule.matched')).not.toBe(a);
    expect(deliveryIdOf('s/c/rule@1', 'slack', 'rule.matched')).not.toBe(a);
    expect(deliveryIdOf('s/c/rule@1', 'ops', 'rule.retracted')).not.toBe(a);
    expect(a).toMatch(/^msg_[A-Za-z0-9_-]{32}$/);
  });
});
