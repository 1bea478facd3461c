import { describe, expect, it } from 'vitest';
import { generateCalls } from './calls.js';

describe('generateCalls', () => {
  it('gives whole calls in lifecycle order, the same for the same seed', () => {
    const calls = generateCalls(5, { seed: 42 });
    expect(generateCalls(5, { seed: 42 })).toEqual(calls);
    for (const call of calls) {
      const types = call.webhooks.map((w) => w.event_type);
      expect(types.slice(0, 3)).toEqual(['call_initiated', 'call_ringing', 'call_answered']);
      expect(types.at(-1)).toBe('call_ended');
      const fragments = call.webhooks.filter((w) => w.event_type === 'transcript');
      expect(fragments.length).toBeGreaterThanOrEqual(4);
      const ended = call.webhooks.at(-1) as unknown as { payload: { transcript: unknown[] } };
      expect(ended.payload.transcript).toHaveLength(fragments.length);
    }
    expect(new Set(calls.map((c) => c.callId)).size).toBe(5);
  });
});
