import { analyzeStaleTables, autovacuumRuns, type Pool } from '@callpulse/db';
import { repeatEvery, type Logger } from '@callpulse/runtime';

/**
 * On a server whose autovacuum is off, nothing would ever give the planner statistics for
 * the tables the writer fills, and the everyday questions would be planned for empty
 * tables (a fresh database right after a load: the newest churn calls sorted from every
 * match instead of read down an index). There the writer analyzes `calls` and
 * `call_figures` itself, by autovacuum's default rule, every `everyMs`. With autovacuum
 * on it does nothing: the server already does this.
 */
export const startStatisticsKeeper = async ({
  pool,
  logger,
  everyMs = 30_000,
}: {
  pool: Pool;
  logger: Logger;
  everyMs?: number;
}): Promise<{ stop: () => Promise<void> }> => {
  const log = logger.child({ component: 'statistics' });
  const runs = await autovacuumRuns(pool).catch((error: unknown) => {
    log.warn({ err: error }, 'could not read the autovacuum setting; leaving statistics to it');
    return true;
  });
  if (runs) return { stop: async () => {} };
  log.info('autovacuum is off on this server: the writer keeps calls and call_figures analyzed');
  return repeatEvery({
    everyMs,
    task: async () => {
      const analyzed = await analyzeStaleTables(pool);
      if (analyzed.length > 0) log.debug({ tables: analyzed }, 'analyzed');
    },
    onError: (error) => log.warn({ err: error }, 'could not analyze; next tick'),
  });
};
