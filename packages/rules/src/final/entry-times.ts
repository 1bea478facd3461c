import type { FinalEntry } from '../state/rule-event.js';

/** A live fragment, at provider seconds since call start. */
export interface TimedFragment {
  speaker: string;
  text: string;
  at: number;
  eventId: string;
}

export interface EntryTime {
  at: number;
  eventId?: string;
}

export interface CallBounds {
  /** Unix seconds of call start and end: a trusted entry time lies between them. */
  startUnix: number;
  endUnix: number;
  /** Seconds since start before which no one spoke (the answer, else 0). */
  firstSpeech: number;
}

// A final transcript may re-punctuate and re-case what was said live ("I will cancel"
// live, "I will cancel." at the end): its words, folded to lower case, pair them. (Only a
// final transcript that differs from the live fragments comes here.)
const WORDS = /[\p{L}\p{M}\p{N}]+/gu;
const keyOf = (speaker: string, text: string) =>
  `${speaker}\u0000${(text.toLowerCase().match(WORDS) ?? []).join(' ')}`;

/** An entry's own timestamp in seconds since start, if it is a plausible Unix time. */
const ownTime = (timestamp: string | null, { startUnix, endUnix }: CallBounds): number | null => {
  if (timestamp === null || !/^\s*\d+(\.\d+)?\s*$/.test(timestamp)) return null;
  const value = Number(timestamp);
  // Milliseconds are recognizable by size; anything else outside the call ("111111") is junk.
  const unix = value > 1e11 ? value / 1000 : value;
  return unix >= startUnix && unix <= endUnix ? unix - startUnix : null;
};

/**
 * When each final-transcript entry was said, in this order of trust:
 * 1. the live fragment with the same speaker and words (case and punctuation aside; the
 *    n-th repeat pairs with the n-th), so the final pass sees the times the live
 *    decisions were made on;
 * 2. the entry's own timestamp, if it is Unix seconds (or milliseconds) within the call;
 * 3. linear interpolation by position between the nearest timed entries before and after
 *    (the first speech and the call's end bounding the ends of the transcript).
 */
export const entryTimes = (
  entries: readonly FinalEntry[],
  fragments: readonly TimedFragment[],
  bounds: CallBounds,
): EntryTime[] => {
  const unused = new Map<string, TimedFragment[]>();
  for (const f of fragments) {
    const key = keyOf(f.speaker, f.text);
    const same = unused.get(key);
    if (same === undefined) unused.set(key, [f]);
    else same.push(f);
  }
  const known: (EntryTime | null)[] = entries.map((entry) => {
    const live = unused.get(keyOf(entry.speaker, entry.text))?.shift();
    if (live !== undefined) return { at: live.at, eventId: live.eventId };
    const own = ownTime(entry.timestamp, bounds);
    return own === null ? null : { at: own };
  });
  const end = bounds.endUnix - bounds.startUnix;
  return known.map((time, i) => {
    if (time !== null) return time;
    let p = i - 1;
    while (p >= 0 && known[p] === null) p--;
    let n = i + 1;
    while (n < known.length && known[n] === null) n++;
    const before = p >= 0 ? (known[p] as EntryTime).at : Math.min(bounds.firstSpeech, end);
    const after = n < known.length ? (known[n] as EntryTime).at : end;
    const span = Math.max(0, after - before);
    const at = before + (span * (i - p)) / (n - p);
    return { at: Math.round(at * 1000) / 1000 };
  });
};
