import { afterEach, describe, expect, it, vi } from 'vitest';
import { repeatEvery } from './repeat.js';

describe('repeatEvery', () => {
  afterEach(() => vi.useRealTimers());

  it('runs one task at a time, reports failures and keeps going, and stops after the run in flight', async () => {
    vi.useFakeTimers();
    let runs = 0;
    let release = () => {};
    const errors: unknown[] = [];
    const repeat = repeatEvery({
      everyMs: 100,
      task: () => {
        runs++;
        if (runs === 1) return Promise.reject(new Error('first fails'));
        return new Promise<void>((resolve) => (release = resolve));
      },
      onError: (error) => errors.push(error),
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(300); // the second run is in flight: ticks are skipped
    expect(runs).toBe(2);
    let stopped = false;
    const stopping = repeat.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
  });
});
