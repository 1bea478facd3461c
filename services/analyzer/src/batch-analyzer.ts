import {
  decodeCallEvent,
  encodeAnalysisMessage,
  encodeRuleMatchMessage,
  type CallEvent,
  type RuleMatchMessage,
} from '@callpulse/contracts';
import type { DeadLetter, KafkaMessage, OutgoingMessage, PartitionBatch } from '@callpulse/kafka';
import type { Logger } from '@callpulse/runtime';
import { analyzeEvent } from './analyze-event.js';
import type { CurrentAnalyzer } from './config-source.js';
import type { createKeyedLock } from './keyed-lock.js';
import type { AnalyzerMetrics } from './metrics.js';
import type { RuleTracker } from './rule-tracker.js';

/** A chunk's output, published in one produce request before its input is committed. */
export interface AnalyzerOutput {
  analysis: OutgoingMessage[];
  ruleMatches: OutgoingMessage[];
}

export interface BatchAnalyzerDeps {
  current: () => CurrentAnalyzer;
  /** Resolves once Kafka acknowledged every message (acks = all). */
  publish: (output: AnalyzerOutput) => Promise<void>;
  deadLetter: DeadLetter;
  rules: RuleTracker;
  lock: ReturnType<typeof createKeyedLock>;
  metrics: AnalyzerMetrics;
  logger: Logger;
}

export const ruleMatchMessages = (matches: readonly RuleMatchMessage[]): OutgoingMessage[] =>
  matches.map((m) => ({ key: `${m.source}/${m.callId}`, value: encodeRuleMatchMessage(m) }));

/**
 * Analyzes a partition batch, feeds its events to the rules, publishes scores, hits and
 * rule matches, and only then saves the rules' per-call state; the caller commits the
 * input offsets after that. Analysis is pure and deterministic: a message whose analysis
 * throws would throw again, so it goes to the dead-letter topic at once.
 */
export const createBatchAnalyzer = (deps: BatchAnalyzerDeps) => {
  const analyzeOne = (
    message: KafkaMessage,
  ):
    | { ok: true; event: CallEvent; output: ReturnType<typeof analyzeEvent> }
    | { ok: false; error: string } => {
    const decoded = decodeCallEvent(message.value);
    if (!decoded.ok) return decoded;
    try {
      return {
        ok: true,
        event: decoded.value,
        output: analyzeEvent(decoded.value, deps.current()),
      };
    } catch (error) {
      deps.logger.warn({ err: error, offset: message.offset }, 'analysis failed');
      return { ok: false, error: `analysis failed: ${(error as Error).message}` };
    }
  };

  async function analyzeChunk(batch: PartitionBatch, messages: KafkaMessage[]): Promise<void> {
    const analysis: OutgoingMessage[] = [];
    const events: CallEvent[] = [];
    for (const message of messages) {
      const result = analyzeOne(message);
      if (!result.ok) {
        deps.metrics.deadLetters.inc();
        deps.logger.error(
          { offset: message.offset, error: result.error },
          'message sent to the dead-letter topic',
        );
        await deps.deadLetter(
          { topic: batch.topic, partition: batch.partition },
          message,
          result.error,
        );
        continue;
      }
      events.push(result.event);
      deps.metrics.analyzed.inc({ output: result.output?.kind ?? 'none' });
      if (result.output) {
        analysis.push({
          key: message.key?.toString() ?? `${result.output.source}/${result.output.callId}`,
          value: encodeAnalysisMessage(result.output),
        });
      }
    }
    const outcome = await deps.rules.apply(batch.partition, events);
    deps.metrics.ruleMatches.inc(outcome.matches.length);
    const ruleMatches = ruleMatchMessages(outcome.matches);
    if (analysis.length > 0 || ruleMatches.length > 0)
      await deps.publish({ analysis, ruleMatches });
    await deps.rules.commit(outcome);
  }

  return async (batch: PartitionBatch): Promise<void> => {
    const started = performance.now();
    // A fetched batch can hold a whole partition's backlog: work through it in chunks and
    // heartbeat between them, so a slow machine never looks like a dead group member.
    for (let i = 0; i < batch.messages.length; i += CHUNK) {
      const chunk = batch.messages.slice(i, i + CHUNK);
      await deps.lock(batch.partition, () => analyzeChunk(batch, chunk));
      await batch.heartbeat();
    }
    const last = batch.messages.at(-1);
    if (last !== undefined) {
      const reachedEnd = BigInt(last.offset) + 1n >= BigInt(batch.highWatermark);
      deps.rules.progress(batch.partition, reachedEnd);
    }
    deps.metrics.batchSeconds.observe((performance.now() - started) / 1000);
  };
};

const CHUNK = 1_000; // messages analyzed and produced per request
