import type { PipelineConnection } from '@callpulse/kafka';
import type { AnalyzerOutput } from './batch-analyzer.js';

/**
 * Scores and hits to the analysis topic, rule matches to theirs, in one produce request
 * that resolves once Kafka has all of it (acks = all).
 */
export const createOutputPublisher =
  ({ producer, topics }: PipelineConnection) =>
  async ({ analysis, ruleMatches }: AnalyzerOutput): Promise<void> => {
    const topicMessages = [
      { topic: topics.analysis, messages: analysis },
      { topic: topics.ruleMatches, messages: ruleMatches },
    ].filter((t) => t.messages.length > 0);
    if (topicMessages.length > 0) await producer.sendBatch({ acks: -1, topicMessages });
  };
