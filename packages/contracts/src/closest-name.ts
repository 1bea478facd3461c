/** Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`, in full. */
const editDistance = (a: string, b: string): number => {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const up = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === b[j - 1];
      let cost = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1);
      cost = Math.min(cost, (up[j - 1] as number) + (same ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        cost = Math.min(cost, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = cost;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
};

/**
 * The candidate a misspelt `name` most likely meant, for a "did you mean" hint: the one
 * equal to it but for case, else the nearest within 2 edits (1 for names of up to 5
 * characters), ignoring case; undefined when none is that close.
 */
export const closestName = (name: string, candidates: readonly string[]): string | undefined => {
  const lower = name.toLowerCase();
  const max = lower.length <= 5 ? 1 : 2;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= max && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
};
