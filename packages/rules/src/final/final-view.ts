import type { RuleSet } from '../compile/compile-rules.js';
import type { CallView } from '../eval/call-view.js';
import { analysesOf, liveView } from '../eval/live-view.js';
import { callStart, type CallState } from '../state/call-state.js';
import type { FinalEntry } from '../state/rule-event.js';
import { entryTimes } from './entry-times.js';

/**
 * The call as the final pass sees it: the final transcript, timed by `entryTimes`, with
 * the lifecycle the live path recorded. A provider that sends an empty final transcript
 * has nothing to reconcile against, so the live fragments stand in for it.
 */
export const finalView = (
  state: CallState & { endedAt: number },
  finalTranscript: readonly FinalEntry[],
  ruleSet: RuleSet,
): CallView => {
  // The same utterances at the same times as the live view's: take those (analyzed, and
  // with the evidence already built for them).
  const live = reproducesLive(state, finalTranscript) ? liveView(state, ruleSet) : null;
  if (live !== null) {
    const endAt = state.endedAt - (callStart(state) ?? state.endedAt);
    return { ...live, endAt, now: endAt };
  }
  const start = callStart(state) ?? state.endedAt;
  const fragments = state.fragments.map((f) => ({ ...f, at: f.at - start }));
  const entries: readonly FinalEntry[] =
    finalTranscript.length > 0
      ? finalTranscript
      : state.fragments.map((f) => ({ speaker: f.speaker, text: f.text, timestamp: null }));
  const answeredAt = state.answeredAt === null ? null : state.answeredAt - start;
  // Final entries that repeat a live fragment's text: analyzed already, live.
  const known = analysesOf(state, ruleSet);
  const times = entryTimes(entries, fragments, {
    startUnix: start,
    endUnix: state.endedAt,
    firstSpeech: answeredAt ?? 0,
  });
  const utterances = entries
    .map((entry, i) => ({ entry, time: times[i] ?? { at: 0 }, i }))
    .sort((a, b) => a.time.at - b.time.at || a.i - b.i)
    .map(({ entry, time }) => ({
      speaker: entry.speaker,
      text: entry.text,
      at: time.at,
      ...(time.eventId === undefined ? {} : { eventId: time.eventId }),
      analysis: known?.get(entry.text) ?? ruleSet.analyze(entry.text),
    }));
  const endAt = state.endedAt - start;
  return {
    utterances,
    answeredAt,
    errorsAt: state.errorsAt.map((t) => t - start),
    endAt,
    now: endAt,
  };
};

/**
 * Whether the final transcript is the live fragments again, utterance for utterance, in
 * the same order (or empty, so that they stand in for it): then the final view holds the
 * utterances the live path last evaluated, at the same times.
 */
export const reproducesLive = (
  state: CallState,
  finalTranscript: readonly FinalEntry[],
): boolean => {
  if (state.dropped > 0) return false;
  if (finalTranscript.length === 0) return true;
  const { fragments } = state;
  return (
    finalTranscript.length === fragments.length &&
    finalTranscript.every(
      (entry, i) => entry.speaker === fragments[i]?.speaker && entry.text === fragments[i]?.text,
    )
  );
};
