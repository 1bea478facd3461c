import { describe, expect, it } from 'vitest';
import { StopWaiting, waitFor, WaitTimeoutError } from './wait-for.js';

describe('waitFor', () => {
  it('returns the first value that holds, polling past failures', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        calls++;
        if (calls === 1) throw new Error('not yet reachable');
        return calls === 3 ? 'ready' : undefined;
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('gives up at the deadline, naming what it waited for, with the last failure as cause', async () => {
    let clock = 0;
    const cause = new Error('still down');
    const waiting = waitFor(
      () => {
        clock += 40;
        throw cause;
      },
      { timeoutMs: 100, intervalMs: 0, what: 'the broker', now: () => clock },
    );
    await expect(waiting).rejects.toBeInstanceOf(WaitTimeoutError);
    await expect(waiting).rejects.toMatchObject({
      message: 'timed out after 100 ms waiting for the broker',
      cause,
    });
  });

  it('stops at once when the condition can never hold', async () => {
    let calls = 0;
    const gone = new StopWaiting('writer exited with code 1');
    await expect(
      waitFor(() => {
        calls++;
        throw gone;
      }),
    ).rejects.toBe(gone);
    expect(calls).toBe(1);
  });
});
