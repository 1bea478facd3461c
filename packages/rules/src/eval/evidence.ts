import type { Evidence } from '../types.js';
import type { Utterance } from './call-view.js';

/** Evidence for a hit at `start..end` of an utterance (the whole of it by default). */
export const evidenceOf = (u: Utterance, start = 0, end = u.text.length): Evidence => {
  const evidence: Evidence = { speaker: u.speaker, text: u.text, start, end, atSecond: u.at };
  if (u.eventId !== undefined) evidence.eventId = u.eventId;
  return evidence;
};
