import { copyState, type CallState, type Fragment } from './call-state.js';
import type { RuleEvent } from './rule-event.js';

export type Recorded =
  | { kind: 'duplicate' | 'ignored' }
  | { kind: 'recorded'; state: CallState }
  | { kind: 'ended'; state: CallState };

// Error events are few; beyond this many, later ones change no rule's outcome.
const MAX_ERRORS = 100;
const MAX_SEEN = 200;

const seconds = (iso: string): number | null => {
  const ms = Date.parse(iso);
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
 * Adds one event's facts to the state. Duplicates (same event id) and events of a call
 * already ended (the final transcript is the record then) change nothing; events of
 * unknown type are never analyzed, and their times are not the provider's.
 */
export const recordEvent = (state: CallState, event: RuleEvent, maxFragments: number): Recorded => {
  if (event.type === 'unknown' || state.endedAt !== null) return { kind: 'ignored' };
  const at = seconds(event.occurredAt);
  if (at === null) return { kind: 'ignored' };
  if (isDuplicate(state, event)) return { kind: 'duplicate' };

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
