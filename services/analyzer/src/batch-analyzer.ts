import { decodeCallEvent, encodeAnalysisMessage, type AnalysisMessage } from '@callpulse/contracts';
import type { DeadLetter, KafkaMessage, OutgoingMessage, PartitionBatch } from '@callpulse/kafka';
import type { Logger } from '@callpulse/runtime';
import { analyzeEvent } from './analyze-event.js';
import type { CurrentAnalyzer } from './keyword-lists.js';
import type { AnalyzerMetrics } from './metrics.js';

export interface BatchAnalyzerDeps {
  current: () => CurrentAnalyzer;
  /** Resolves once Kafka acknowledged every message (acks = all). */
  send: (messages: OutgoingMessage[]) => Promise<void>;
  deadLetter: DeadLetter;
  maxAttempts: number;
  metrics: AnalyzerMetrics;
  logger: Logger;
}

/**
 * Analyzes a partition batch and publishes the results in one produce request; the
 * caller commits the input offsets only after that request was acknowledged.
 */
export const createBatchAnalyzer = (deps: BatchAnalyzerDeps) => {
  const analyzeOne = (
    message: KafkaMessage,
  ): { ok: true; output: AnalysisMessage | null } | { ok: false; error: string } => {
    const decoded = decodeCallEvent(message.value);
    if (!decoded.ok) return decoded;
    let lastError = '';
    // Analysis is pure, so a retry can only help with a transient fault (memory pressure).
    for (let attempt = 1; attempt <= deps.maxAttempts; attempt++) {
      try {
        return { ok: true, output: analyzeEvent(decoded.value, deps.current()) };
      } catch (error) {
        lastError = `analysis failed: ${(error as Error).message}`;
        deps.logger.warn({ err: error, offset: message.offset, attempt }, 'analysis failed');
      }
    }
    return { ok: false, error: lastError };
  };

  return async (batch: PartitionBatch): Promise<void> => {
    const started = performance.now();
    // A fetched batch can hold a whole partition's backlog: work through it in chunks and
    // heartbeat between them, so a slow machine never looks like a dead group member.
    for (let i = 0; i < batch.messages.length; i += CHUNK) {
      await analyzeChunk(batch, batch.messages.slice(i, i + CHUNK));
      await batch.heartbeat();
    }
    deps.metrics.batchSeconds.observe((performance.now() - started) / 1000);
  };

  async function analyzeChunk(batch: PartitionBatch, messages: KafkaMessage[]): Promise<void> {
    const outgoing: OutgoingMessage[] = [];
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
      deps.metrics.analyzed.inc({ output: result.output?.kind ?? 'none' });
      if (result.output) {
        outgoing.push({
          key: message.key?.toString() ?? `${result.output.source}/${result.output.callId}`,
          value: encodeAnalysisMessage(result.output),
        });
      }
    }
    if (outgoing.length > 0) await deps.send(outgoing);
  }
};

const CHUNK = 1_000; // messages analyzed and produced per request
