/**
 * A token bucket: `burst` sends at once, then `ratePerSecond` sustained. `notBefore`
 * holds every send back until a time (a receiver's Retry-After), whatever the tokens say.
 */
export const createPacer = ({
  ratePerSecond,
  burst,
  now = Date.now,
}: {
  ratePerSecond: number;
  burst: number;
  now?: () => number;
}) => {
  let tokens = burst;
  let last = now();
  let notBefore = 0;
  // No tokens accrue while held: after a Retry-After the pace is the sustained one.
  const refill = (): void => {
    const t = now();
    const from = Math.max(last, notBefore);
    if (t > from) tokens = Math.min(burst, tokens + ((t - from) / 1000) * ratePerSecond);
    last = Math.max(last, t);
  };
  return {
    /** Milliseconds to wait before the next send may go; 0: it may go now. */
    waitMs: (): number => {
      refill();
      const blocked = Math.max(0, notBefore - now());
      const forToken = tokens >= 1 ? 0 : ((1 - tokens) / ratePerSecond) * 1000;
      return Math.ceil(Math.max(blocked, forToken));
    },
    /** A send went out. */
    take: (): void => {
      refill();
      tokens -= 1;
    },
    /** Nothing goes before `until` (ms since the epoch); then one send, and the sustained pace. */
    holdUntil: (until: number): void => {
      refill();
      notBefore = Math.max(notBefore, until);
      tokens = 1;
    },
  };
};

export type Pacer = ReturnType<typeof createPacer>;
