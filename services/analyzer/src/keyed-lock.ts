/**
 * One holder per key at a time: a partition's batches and the sweep of its calls' rule
 * deadlines never interleave, so a call's state is never read and written by two at once.
 */
export const createKeyedLock = () => {
  const tails = new Map<number, Promise<unknown>>();
  return async <T>(key: number, work: () => Promise<T>): Promise<T> => {
    const before = tails.get(key) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.catch(() => {});
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
};
