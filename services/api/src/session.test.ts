import { describe, expect, it } from 'vitest';
import { createSessions } from './session.js';

describe('browser sessions', () => {
  it('accepts what it issued until it expires', () => {
    let t = 1_000;
    const sessions = createSessions({ token: 'secret', ttlMs: 100, now: () => t });
    const value = sessions.issue();
    expect(sessions.verify(value)).toBe(true);
    t = 1_099;
    expect(sessions.verify(value)).toBe(true);
    t = 1_100;
    expect(sessions.verify(value)).toBe(false);
  });

  it('refuses forged, altered and other tokens’ sessions', () => {
    const sessions = createSessions({ token: 'secret', now: () => 0 });
    const value = sessions.issue();
    const [expiry, mac] = value.split('.') as [string, string];
    expect(sessions.verify(`${Number(expiry) + 1}.${mac}`)).toBe(false);
    expect(sessions.verify(createSessions({ token: 'other', now: () => 0 }).issue())).toBe(false);
    for (const bad of [undefined, '', 'x', `${expiry}.`, `${expiry}.${mac}x`])
      expect(sessions.verify(bad)).toBe(false);
  });
});
