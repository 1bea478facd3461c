import type { Analyzer } from '@callpulse/analysis';
import type { RuleSet } from '@callpulse/rules';
import { ANALYZER_VERSION } from '@callpulse/analysis';
import type { AnalysisMessage, CallEvent } from '@callpulse/contracts';

/**
 * The analysis of one call event, or null for events that carry no speech. Pure but for
 * one memo: a fragment's analysis is handed to the rule set (compiled from the same lists),
 * which then need not analyze it again.
 */
export const analyzeEvent = (
  event: CallEvent,
  { analyzer, revision, ruleSet }: { analyzer: Analyzer; revision: string; ruleSet?: RuleSet },
): AnalysisMessage | null => {
  if (event.type !== 'transcript' && event.type !== 'call_ended') return null;
  const provenance = {
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    source: event.call.source,
    callId: event.call.callId,
    isTest: event.isTest,
    analyzerVersion: ANALYZER_VERSION,
    keywordListsVersion: revision,
  };
  if (event.type === 'transcript') {
    const { text, speaker } = event.transcript;
    const analyzed = analyzer.analyzeTokenized(text, speaker);
    if (ruleSet !== undefined && ruleSet.rules.length > 0) ruleSet.learn(text, analyzed);
    const { sentiment, hits } = analyzed;
    return {
      ...provenance,
      kind: 'fragment_score',
      speaker: event.transcript.speaker,
      sentiment,
      hits: hits.map((hit) => ({ ...hit, utteranceIndex: 0 })),
    };
  }
  const entries = event.finalTranscript.map((e) => ({ speaker: e.speaker, text: e.text }));
  // Hits travel beside the summary, not inside it, so the writer stores them once.
  const { hits, overall, bySpeaker, ...summary } = analyzer.summarizeCall(entries);
  return {
    ...provenance,
    kind: 'call_summary',
    summary: {
      ...summary,
      overall: { ...overall },
      bySpeaker: { customer: { ...bySpeaker.customer }, ai: { ...bySpeaker.ai } },
    },
    hits,
  };
};
