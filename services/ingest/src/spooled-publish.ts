import type { OutgoingMessage } from '@callpulse/kafka';
import { backoffMs, sleep, type Logger } from '@callpulse/runtime';
import type { Spool } from './spool.js';

/**
 * Publishing with the outage spool: an event Kafka cannot take in time is fsynced to the
 * spool and acknowledged; while the spool holds anything, new events queue behind it so
 * each call keeps its order; a drainer forwards the spool as soon as Kafka answers again.
 * A full spool rejects (503), as Kafka would have.
 */
export const createSpooledPublish = ({
  publish,
  spool,
  logger,
  onSpooled = () => {},
}: {
  publish: (message: OutgoingMessage) => Promise<void>;
  spool: Spool;
  logger: Logger;
  onSpooled?: () => void;
}) => {
  let draining: Promise<void> | null = null;

  const drainLoop = async (): Promise<void> => {
    for (let attempt = 0; spool.pending(); attempt++) {
      try {
        const forwarded = await spool.drain((batch) =>
          Promise.all(batch.map(publish)).then(() => {}),
        );
        if (forwarded > 0) logger.info({ forwarded }, 'spooled events forwarded to Kafka');
        attempt = -1;
      } catch (error) {
        const wait = backoffMs(attempt, { baseMs: 500, maxMs: 5_000 });
        logger.warn(
          { err: error, waitMs: wait, spooledBytes: spool.bytes() },
          'Kafka still unavailable; spool kept',
        );
        await sleep(wait);
      }
    }
  };

  const kick = (): void => {
    draining ??= drainLoop().finally(() => {
      draining = null;
    });
  };

  const toSpool = async (message: OutgoingMessage): Promise<void> => {
    await spool.append(message);
    onSpooled();
    kick();
  };

  if (spool.pending()) {
    logger.info({ spooledBytes: spool.bytes() }, 'forwarding events spooled before the last stop');
    kick();
  }

  return {
    publish: async (message: OutgoingMessage): Promise<void> => {
      if (spool.pending()) return toSpool(message);
      try {
        await publish(message);
      } catch (error) {
        logger.warn({ err: error }, 'Kafka did not take the event in time; spooling it');
        await toSpool(message);
      }
    },
    /** Waits for a drain in progress (shutdown); what is left stays on disk. */
    idle: (): Promise<void> => draining ?? Promise.resolve(),
  };
};
