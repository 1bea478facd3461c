import { copyState, type CallState, type Fragment } from './call-state.js';
import type { RuleEvent } from './rule-event.js';

export type Recorded =
  | { kind: 'duplicate' | 'ignored' }
  | { kind: 'recorded'; state: CallState }
  | { kind: 'ended'; state: CallState }
  /** A provider error reported after the call ended (see `step`). */
  | { kind: 'errorAfterEnd'; state: CallState };

// Error events are few; beyond this many, later ones change no rule's outcome.
const MAX_ERRORS = 100;
const MAX_SEEN = 200;

/** The two-digit number at `i`, or -1. */
const twoDigits = (s: string, i: number): number => {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};

const at = (s: string, i: number, char: string): boolean => s.charCodeAt(i) === char.charCodeAt(0);

/**
 * Milliseconds since the epoch of `YYYY-MM-DDTHH:MM:SS.sssZ` (what `toISOString` writes,
 * and the normalizer gives every event), or NaN for any other string. `Date.parse` was
 * about half of recording an event in a profile. The same as it for the strings taken;
 * the others, and days past the 28th (Date.parse rolls 30 February over to 2 March), are
 * left to it.
 */
const parseIsoUtc = (s: string): number => {
  if (s.length !== 24 || !at(s, 4, '-') || !at(s, 7, '-') || !at(s, 10, 'T')) return NaN;
  if (!at(s, 13, ':') || !at(s, 16, ':') || !at(s, 19, '.') || !at(s, 23, 'Z')) return NaN;
  const century = twoDigits(s, 0);
  const yearOf = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  const centis = twoDigits(s, 20);
  const milli = twoDigits(s, 21);
  if (century < 0 || yearOf < 0 || centis < 0 || milli < 0) return NaN;
  if (month < 1 || month > 12 || day < 1 || day > 28) return NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  // Days since 1970-01-01 of a proleptic Gregorian date, with years counted from March.
  const year = century * 100 + yearOf - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146_097 + dayOfEra - 719_468;
  return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + centis * 10 + (milli % 10);
};

/** Unix seconds of an ISO time, or null if it is not one. */
export const seconds = (iso: string): number | null => {
  const fast = parseIsoUtc(iso);
  const ms = Number.isNaN(fast) ? Date.parse(iso) : fast;
  return Number.isFinite(ms) ? ms / 1000 : null;
};

const before = (a: Fragment, b: Fragment): boolean =>
  a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** Inserts in (at, seq) order; a late fragment lands where its provider time puts it. */
const insertFragment = (fragments: readonly Fragment[], fragment: Fragment): Fragment[] => {
  let i = fragments.length;
  while (i > 0 && before(fragment, fragments[i - 1] as Fragment)) i--;
  const next = fragments.slice();
  if (i === next.length) next.push(fragment);
  else next.splice(i, 0, fragment);
  return next;
};

const isDuplicate = (state: CallState, event: RuleEvent): boolean => {
  if (event.type !== 'transcript') return state.seen.includes(event.eventId);
  for (const f of state.fragments) if (f.eventId === event.eventId) return true;
  return false;
};

/**
 * Adds one event's facts to the state. Duplicates (same event id) change nothing, nor do
 * events of a call already ended (the final transcript is the record then) but a provider
 * error, which the provider may report after hang-up; events of unknown type are never
 * analyzed, and their times are not the provider's.
 */
export const recordEvent = (state: CallState, event: RuleEvent, maxFragments: number): Recorded => {
  if (event.type === 'unknown') return { kind: 'ignored' };
  if (state.endedAt !== null && event.type !== 'error') return { kind: 'ignored' };
  const at = seconds(event.occurredAt);
  if (at === null) return { kind: 'ignored' };
  if (isDuplicate(state, event)) return { kind: 'duplicate' };
  if (state.endedAt !== null) {
    const next = copyState(state);
    next.seen = [...state.seen, event.eventId].slice(-MAX_SEEN);
    if (state.errorsAt.length < MAX_ERRORS) next.errorsAt = [...state.errorsAt, at];
    return { kind: 'errorAfterEnd', state: next };
  }

  const next = copyState(state);
  next.earliestAt = Math.min(state.earliestAt ?? at, at);
  next.latestAt = Math.max(state.latestAt ?? at, at);
  if (event.type !== 'transcript') next.seen = [...state.seen, event.eventId].slice(-MAX_SEEN);
  switch (event.type) {
    case 'call_initiated':
      next.initiatedAt = Math.min(state.initiatedAt ?? at, at);
      break;
    case 'call_ringing':
      break;
    case 'call_answered':
      next.answeredAt = Math.min(state.answeredAt ?? at, at);
      break;
    case 'error':
      if (state.errorsAt.length < MAX_ERRORS) next.errorsAt = [...state.errorsAt, at];
      break;
    case 'transcript': {
      if (state.fragments.length >= maxFragments) {
        next.dropped = state.dropped + 1;
        break;
      }
      const { speaker, text } = event.transcript;
      const fragment = { eventId: event.eventId, speaker, text, at, seq: state.seq };
      next.fragments = insertFragment(state.fragments, fragment);
      next.seq = state.seq + 1;
      break;
    }
    case 'call_ended':
      next.endedAt = at;
      return { kind: 'ended', state: next };
  }
  return { kind: 'recorded', state: next };
};
