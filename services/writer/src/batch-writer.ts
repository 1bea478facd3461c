import {
  inTransaction,
  isLockConflict,
  isTransientDbError,
  writeBatch,
  type Pool,
} from '@callpulse/db';
import type { DeadLetter, KafkaMessage, PartitionBatch } from '@callpulse/kafka';
import { backoffMs, sleep, type Logger } from '@callpulse/runtime';
import { decodeRecord, type TopicKind, type WriterRecord } from './decode.js';
import type { WriterMetrics } from './metrics.js';
import type { PartitionKeeper } from './partitions.js';

export interface BatchWriterDeps {
  pool: Pool;
  topics: { callEvents: string; analysis: string; ruleMatches: string };
  deadLetter: DeadLetter;
  maxAttempts: number;
  metrics: WriterMetrics;
  logger: Logger;
  /** Creates the partitions for the days of a batch's detail before it is written. */
  partitions?: Pick<PartitionKeeper, 'prepare'>;
}

/** The partition was revoked or the writer is stopping: leave the offsets uncommitted. */
export class BatchAbandoned extends Error {
  override name = 'BatchAbandoned';
}

const writeRecords = (pool: Pool, records: WriterRecord[]): Promise<void> =>
  inTransaction(pool, async (client) => {
    const events = records.flatMap((r) => (r.kind === 'call_event' ? [r.value] : []));
    const analysis = records.flatMap((r) => (r.kind === 'analysis' ? [r.value] : []));
    const matches = records.flatMap((r) => (r.kind === 'rule_match' ? [r.value] : []));
    await writeBatch(client, { events, analysis, matches });
  });

/**
 * Writes one partition batch in one transaction. Postgres unreachable: wait and retry,
 * forever, heartbeating, never skipping. A data error: split the batch to find the
 * record at fault, and send it to the dead-letter topic after `maxAttempts`, so the
 * partition keeps flowing.
 */
export const createBatchWriter = (deps: BatchWriterDeps) => {
  const { pool, metrics, logger } = deps;

  const write = async (batch: PartitionBatch, records: WriterRecord[]): Promise<void> => {
    let transientFailures = 0;
    let dataFailures = 0;
    for (;;) {
      if (!batch.isActive()) throw new BatchAbandoned('batch abandoned before it was stored');
      const started = performance.now();
      try {
        await writeRecords(pool, records);
        metrics.batchSeconds.observe((performance.now() - started) / 1000);
        return;
      } catch (error) {
        if (isTransientDbError(error)) {
          // A deadlock or lock timeout with another writer of the same calls is not an
          // outage: said apart, in the log and the metric.
          const conflict = isLockConflict(error);
          metrics.retries.inc({ reason: conflict ? 'lock_conflict' : 'database_unavailable' });
          const wait = backoffMs(transientFailures++, { maxMs: 5_000 });
          logger.warn(
            { err: error, attempt: transientFailures, waitMs: wait },
            conflict
              ? 'the batch conflicted with another transaction; retrying it'
              : 'Postgres unavailable; retrying the batch',
          );
          await sleep(wait);
          await batch.heartbeat().catch(() => {});
          continue;
        }
        if (records.length > 1) {
          // Find the record at fault; the others are stored in order.
          const half = Math.ceil(records.length / 2);
          await write(batch, records.slice(0, half));
          await write(batch, records.slice(half));
          return;
        }
        dataFailures++;
        metrics.retries.inc({ reason: 'data_error' });
        const record = records[0];
        if (!record) return;
        if (dataFailures >= deps.maxAttempts) {
          await deadLetter(
            batch,
            record.message,
            `could not be stored: ${(error as Error).message}`,
          );
          return;
        }
        logger.warn(
          { err: error, offset: record.message.offset, attempt: dataFailures },
          'record failed to store',
        );
        await sleep(backoffMs(dataFailures));
      }
    }
  };

  const deadLetter = async (batch: PartitionBatch, message: KafkaMessage, error: string) => {
    logger.error(
      { topic: batch.topic, partition: batch.partition, offset: message.offset, error },
      'record sent to the dead-letter topic',
    );
    metrics.deadLetters.inc();
    await deps.deadLetter({ topic: batch.topic, partition: batch.partition }, message, error);
  };

  return async (batch: PartitionBatch): Promise<void> => {
    const kind: TopicKind =
      batch.topic === deps.topics.analysis
        ? 'analysis'
        : batch.topic === deps.topics.ruleMatches
          ? 'rule_match'
          : 'call_event';
    const records: WriterRecord[] = [];
    for (const message of batch.messages) {
      const decoded = decodeRecord(kind, batch.partition, message);
      if (decoded.ok) records.push(decoded.record);
      else await deadLetter(batch, message, decoded.error);
    }
    await deps.partitions?.prepare(records);
    // One transaction per chunk, heartbeating between them: a partition's whole backlog can
    // arrive as one batch, and a long silence would get this member thrown out of the group.
    for (let i = 0; i < records.length; i += CHUNK) {
      await write(batch, records.slice(i, i + CHUNK));
      await batch.heartbeat();
    }
    metrics.records.inc({ topic: batch.topic }, batch.messages.length);
  };
};

const CHUNK = 2_000; // records per transaction
