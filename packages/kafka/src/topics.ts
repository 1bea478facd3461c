import type { Kafka } from 'kafkajs';

export interface TopicNames {
  callEvents: string;
  analysis: string;
  ruleMatches: string;
  deadLetter: string;
}

/** Tests and parallel stacks use their own prefix, so they never see each other's data. */
export const topicNames = (prefix = 'callpulse.'): TopicNames => ({
  callEvents: `${prefix}call-events`,
  analysis: `${prefix}analysis`,
  ruleMatches: `${prefix}rule-matches`,
  deadLetter: `${prefix}dead-letter`,
});

export const allTopics = (names: TopicNames): string[] => [
  names.callEvents,
  names.analysis,
  names.ruleMatches,
  names.deadLetter,
];

/** Large enough for a 1 MiB webhook body plus its normalized copy and envelope. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export interface TopicSpec {
  topic: string;
  numPartitions?: number;
  replicationFactor?: number;
}

/** Creates the topics that are missing; existing topics are left as they are. */
export const ensureTopics = async (kafka: Kafka, specs: TopicSpec[]): Promise<string[]> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map(({ topic, numPartitions = 6, replicationFactor = 1 }) => ({
        topic,
        numPartitions,
        replicationFactor,
        configEntries: [{ name: 'max.message.bytes', value: String(MAX_MESSAGE_BYTES) }],
      })),
    });
    return missing.map((s) => s.topic);
  } catch (error) {
    // Another instance may have created it between list and create.
    if ((error as { type?: string }).type === 'TOPIC_ALREADY_EXISTS') return [];
    throw error;
  } finally {
    await admin.disconnect();
  }
};
