import { describe, expect, it } from 'vitest';
import { waitFor } from './wait-for.js';

describe('waitFor', () => {
  it('returns the first defined value', async () => {
    let calls = 0;
    const value = await waitFor(() => Promise.resolve(++calls === 3 ? 'ready' : undefined), {
      timeoutMs: 5_000,
      intervalMs: 1,
    });
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('gives up at the deadline with undefined, after one last check', async () => {
    let clock = 0;
    let calls = 0;
    const value = await waitFor(
      () => {
        calls++;
        clock += 40;
        return Promise.resolve(undefined);
      },
      { timeoutMs: 100, intervalMs: 0, now: () => clock },
    );
    expect(value).toBeUndefined();
    expect(calls).toBe(3);
  });
});
