import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `check` until it returns a value other than undefined, or the deadline passes
 * (then resolves undefined). Polling with a deadline, never a fixed sleep, as kafkajs's
 * waitFor does.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  {
    timeoutMs,
    intervalMs = 100, // a local broker or process exit is noticed within a tenth of a second
    now = () => performance.now(),
  }: { timeoutMs: number; intervalMs?: number; now?: () => number },
): Promise<T | undefined> {
  const deadline = now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (now() >= deadline) return undefined;
    await sleep(Math.min(intervalMs, Math.max(0, deadline - now())));
  }
}
