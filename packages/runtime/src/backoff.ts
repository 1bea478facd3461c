/** Exponential backoff with full jitter, capped. */
export const backoffMs = (
  attempt: number,
  { baseMs = 200, maxMs = 10_000 }: { baseMs?: number; maxMs?: number } = {},
): number => Math.round(Math.random() * Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30)));

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
