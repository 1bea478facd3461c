// Two rows of the dynamic programme plus the one before them (for transpositions),
// reused across calls: the matcher computes many distances per new word.
let before = new Int32Array(64);
let previous = new Int32Array(64);
let current = new Int32Array(64);

/**
 * Damerau-Levenshtein distance in its optimal-string-alignment form (insertions,
 * deletions, substitutions and swaps of two adjacent characters each cost 1), or
 * `max + 1` as soon as it is certain to exceed `max`. Cost O(|a| × |b|) at worst;
 * strings whose lengths differ by more than `max` cost nothing.
 */
export const editDistanceWithin = (a: string, b: string, max: number): number => {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  if (current.length <= n) {
    before = new Int32Array(n + 1);
    previous = new Int32Array(n + 1);
    current = new Int32Array(n + 1);
  }
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      let cost = (previous[j - 1] as number) + (ca === cb ? 0 : 1);
      const deletion = (previous[j] as number) + 1;
      const insertion = (current[j - 1] as number) + 1;
      if (deletion < cost) cost = deletion;
      if (insertion < cost) cost = insertion;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const swap = (before[j - 2] as number) + 1;
        if (swap < cost) cost = swap;
      }
      current[j] = cost;
      if (cost < rowMin) rowMin = cost;
    }
    if (rowMin > max) return max + 1;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  const distance = previous[n] as number;
  return distance > max ? max + 1 : distance;
};
