/** The deadline passed before the condition held. */
export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}

/** Thrown by a condition that can never hold (the process it waits on exited): ends the wait at once. */
export class StopWaiting extends Error {
  override name = 'StopWaiting';
}

/**
 * Polls `condition` until it returns a truthy value, and returns it; waiting on a condition with a deadline, never for a fixed time (kafkajs's
 * `waitFor` does the same). A condition that throws is polled again (the error becomes the
 * timeout's cause), except with StopWaiting, which ends the wait with that error.
 */
export const waitFor = async <T>(
  condition: () => Promise<T> | T,
  {
    timeoutMs = 30_000,
    intervalMs = 100, // a local process or broker is noticed within a tenth of a second
    what = 'condition',
    now = () => performance.now(),
  }: { timeoutMs?: number; intervalMs?: number; what?: string; now?: () => number } = {},
): Promise<NonNullable<T>> => {
  const deadline = now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      if (error instanceof StopWaiting) throw error;
      last = error;
    }
    const left = deadline - now();
    if (left <= 0) {
      throw new WaitTimeoutError(`timed out after ${timeoutMs} ms waiting for ${what}`, {
        cause: last,
      });
    }
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, left)));
  }
};
