import type { Destination } from '@callpulse/alerts';
import { listDestinations, type Pool } from '@callpulse/db';

/**
 * The destinations as stored, reloaded when Postgres says they changed. A failed reload
 * keeps the last good set (Postgres down is not "every destination deleted").
 */
export const createDestinationCache = (pool: Pool) => {
  let current = new Map<string, Destination>();
  return {
    get: (name: string): Destination | undefined => current.get(name),
    names: (): string[] => [...current.keys()],
    reload: async (): Promise<void> => {
      current = new Map((await listDestinations(pool)).map((d) => [d.name, d]));
    },
  };
};

export type DestinationCache = ReturnType<typeof createDestinationCache>;
