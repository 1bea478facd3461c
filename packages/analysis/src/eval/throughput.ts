import { performance } from 'node:perf_hooks';

/**
 * Texts per second of `score` over `texts`: whole passes until `minMs` have elapsed,
 * after one warm-up pass. The caller interleaves scorers and keeps each one's best
 * round, so a garbage collection or a JIT pause does not decide a comparison.
 */
export const measureThroughput = (
  score: (text: string) => unknown,
  texts: readonly string[],
  { minMs = 300 }: { minMs?: number } = {},
): number => {
  let sink = 0;
  for (const text of texts) if (score(text) !== undefined) sink++;
  let done = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (const text of texts) if (score(text) !== undefined) sink++;
    done += texts.length;
    elapsed = performance.now() - started;
  } while (elapsed < minMs);
  return sink > 0 ? (done / elapsed) * 1000 : 0;
};

/** The best texts/s of each named scorer over `rounds` interleaved rounds. */
export const bestThroughputs = (
  scorers: readonly { name: string; score: (text: string) => unknown }[],
  texts: readonly string[],
  { rounds = 3, minMs = 300 }: { rounds?: number; minMs?: number } = {},
): Map<string, number> => {
  const best = new Map<string, number>();
  for (let round = 0; round < rounds; round++) {
    for (const { name, score } of scorers) {
      const rate = measureThroughput(score, texts, { minMs });
      best.set(name, Math.max(best.get(name) ?? 0, rate));
    }
  }
  return best;
};
