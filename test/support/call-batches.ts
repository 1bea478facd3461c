import { randomBytes } from 'node:crypto';
import { normalizeWebhook, type AnalysisMessage, type CallEvent } from '@callpulse/contracts';
import type { StoredCallEvent } from '@callpulse/db';
import { generateCalls } from '@callpulse/simulator';

// Generated calls as the writer receives them (call events with Kafka positions, and the
// analyzer's fragment scores), for tests that write through the writer's own batch function.

/** `calls` calls of a source of their own, starting at `startUnixSeconds` (provider time). */
export const callBatch = (
  calls: number,
  startUnixSeconds: number,
  source = `figures:${randomBytes(4).toString('hex')}`,
) => {
  const generated = generateCalls(calls, { seed: 7, source, startUnixSeconds, fragments: [4, 4] });
  let offset = 0;
  const events: StoredCallEvent[] = generated.flatMap((call) =>
    call.webhooks.map((hook, i) => {
      const r = normalizeWebhook(hook, {
        eventId: `${source}-${call.callId}-${i}`,
        receivedAt: new Date(),
      });
      if (!r.ok) throw new Error(`generated webhook did not normalize: ${JSON.stringify(r.error)}`);
      return { event: r.value, partition: 0, offset: String(offset++) };
    }),
  );
  return { source, generated, events };
};

/** Each test its own source and its own hours (provider time), so checks see only its calls. */
export const scenario = (calls: number, hourOffset: number) => {
  // Hours of their own far from other tests' calls: 2031 plus a random day.
  const start = 1_925_000_000 + Math.floor(Math.random() * 10_000) * 86_400 + hourOffset * 3600;
  const since = new Date((start - 3600) * 1000);
  const until = new Date((start + 86_400) * 1000);
  return { ...callBatch(calls, start), since, until };
};

export const fragmentScore = (
  e: CallEvent,
  comparative: number,
  hits: string[] = [],
): AnalysisMessage => {
  if (e.type !== 'transcript') throw new Error('not a fragment');
  const label = comparative >= 0.02 ? 'positive' : comparative <= -0.02 ? 'negative' : 'neutral';
  return {
    kind: 'fragment_score',
    eventId: e.eventId,
    occurredAt: e.occurredAt,
    source: e.call.source,
    callId: e.call.callId,
    isTest: false,
    analyzerVersion: 'test',
    keywordListsVersion: '1',
    speaker: e.transcript.speaker,
    sentiment: { score: comparative * 10, comparative, label, words: [] },
    hits: hits.map((list) => ({
      list,
      term: 'cancel',
      match: 'exact',
      matchedText: 'cancel',
      start: 0,
      end: 6,
      speaker: e.transcript.speaker,
      utteranceIndex: 0,
    })),
  };
};
