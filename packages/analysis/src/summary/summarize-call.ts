import type { KeywordHit, SentimentResult, Speaker } from '../types.js';
import { aggregate } from './aggregate.js';
import type { CallSummary, CallSummaryHit } from './call-summary.js';
import { trajectoryOf } from './trajectory.js';

/** One transcript entry, already analyzed. */
export interface AnalyzedEntry {
  speaker: Speaker;
  text: string;
  sentiment: SentimentResult;
  hits: KeywordHit[];
  /** Word tokens in the text: the weight of the entry in pooled comparatives. */
  tokens: number;
}

/** The call-level summary of a final transcript; `lists` are the enabled list names. */
export const summarizeEntries = (
  entries: readonly AnalyzedEntry[],
  lists: readonly string[],
): CallSummary => {
  const parts = entries.map((e) => ({ score: e.sentiment.score, tokens: e.tokens }));
  const of = (speaker: Speaker) => {
    const own = entries.filter((e) => e.speaker === speaker);
    return {
      ...aggregate(own.map((e) => ({ score: e.sentiment.score, tokens: e.tokens }))),
      utterances: own.length,
    };
  };
  const customer = of('customer');

  const customerIndexes = entries.flatMap((e, index) => (e.speaker === 'customer' ? [index] : []));
  let mostNegative: CallSummary['mostNegativeCustomerUtterance'] = null;
  for (const index of customerIndexes) {
    const entry = entries[index] as AnalyzedEntry;
    const { comparative } = entry.sentiment;
    if (comparative < 0 && (mostNegative === null || comparative < mostNegative.comparative)) {
      mostNegative = { index, text: entry.text, comparative };
    }
  }

  const hits: CallSummaryHit[] = entries.flatMap((e, utteranceIndex) =>
    e.hits.map((hit) => ({ ...hit, utteranceIndex })),
  );
  const counts = new Map<string, number>(lists.map((name) => [name, 0]));
  for (const hit of hits) counts.set(hit.list, (counts.get(hit.list) ?? 0) + 1);

  return {
    overall: aggregate(parts),
    bySpeaker: { customer, ai: of('ai') },
    customerLabel: customer.label,
    trajectory: trajectoryOf(
      customerIndexes.map((i) => (entries[i] as AnalyzedEntry).sentiment.comparative),
    ),
    mostNegativeCustomerUtterance: mostNegative,
    hitsByList: Object.fromEntries(counts),
    hits,
    utterances: entries.length,
  };
};
