import { destinationsWithPending, type Pool } from '@callpulse/db';
import type { Logger } from '@callpulse/runtime';
import type { DestinationCache } from './destination-cache.js';
import {
  createDestinationSender,
  type DestinationSender,
  type SenderSettings,
} from './destination-sender.js';
import type { NotifierMetrics } from './metrics.js';

/** One sender per destination, made when a destination first has work. */
export const createDispatcher = (deps: {
  pool: Pool;
  destinations: DestinationCache;
  settings: SenderSettings;
  metrics: NotifierMetrics;
  logger: Logger;
}) => {
  const senders = new Map<string, DestinationSender>();
  const senderFor = (name: string): DestinationSender => {
    let sender = senders.get(name);
    if (!sender) {
      sender = createDestinationSender({
        ...deps,
        name,
        logger: deps.logger.child({ component: 'sender' }),
      });
      senders.set(name, sender);
      sender.start();
    }
    return sender;
  };
  return {
    /** Destinations with new deliveries (or changed settings): their senders look now. */
    wake: (names: Iterable<string>): void => {
      for (const name of names) senderFor(name).wake();
    },
    /** At start: resume every destination that still has deliveries to send. */
    resume: async (): Promise<void> => {
      for (const name of await destinationsWithPending(deps.pool)) senderFor(name).wake();
    },
    wakeAll: (): void => {
      for (const sender of senders.values()) sender.wake();
    },
    stop: async (): Promise<void> => {
      await Promise.all([...senders.values()].map((s) => s.stop()));
    },
  };
};
