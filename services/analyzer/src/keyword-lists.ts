import {
  createAnalyzer,
  keywordListSchema,
  type Analyzer,
  type KeywordList,
} from '@callpulse/analysis';
import { listenForKeywordListChanges, loadKeywordLists, type Pool } from '@callpulse/db';
import type { Logger } from '@callpulse/runtime';

export interface CurrentAnalyzer {
  analyzer: Analyzer;
  /** The keyword-lists revision this analyzer was compiled from. */
  revision: string;
}

/**
 * Keeps an analyzer compiled from the lists in Postgres: reloaded on NOTIFY within a
 * moment of a change, re-read periodically in case a notification was missed. A list
 * that fails validation (possible through plain SQL) is skipped with a warning.
 */
export const createKeywordListSource = ({
  pool,
  connectionString,
  overrides,
  reloadMs,
  logger,
  onLoaded = () => {},
}: {
  pool: Pool;
  connectionString: string;
  overrides: Record<string, number>;
  reloadMs: number;
  logger: Logger;
  /** Told each revision once it is in use (a metric, so operators and tests can see it). */
  onLoaded?: (revision: string) => void;
}) => {
  let current: CurrentAnalyzer = { analyzer: createAnalyzer({ overrides }), revision: '0' };
  let loading: Promise<void> | null = null;
  let again = false;

  const load = async (): Promise<void> => {
    const { revision, lists } = await loadKeywordLists(pool);
    if (revision === current.revision) return;
    const valid: KeywordList[] = [];
    for (const stored of lists) {
      const parsed = keywordListSchema.safeParse(stored);
      if (parsed.success) valid.push(parsed.data);
      else
        logger.warn(
          { list: stored.name, issues: parsed.error.issues.slice(0, 5) },
          'invalid keyword list skipped',
        );
    }
    current = { analyzer: createAnalyzer({ lists: valid, overrides }), revision };
    onLoaded(revision);
    logger.info({ revision, lists: valid.length }, 'keyword lists loaded');
  };

  /** Coalesces bursts of notifications into one reload at a time. */
  const reload = (): Promise<void> => {
    if (loading) {
      again = true;
      return loading;
    }
    loading = load()
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'keyword lists reload failed; keeping the last ones'),
      )
      .finally(() => {
        loading = null;
        if (again) {
          again = false;
          void reload();
        }
      });
    return loading;
  };

  const listener = listenForKeywordListChanges({
    connectionString,
    onChange: () => void reload(),
    onError: (error) =>
      logger.warn({ err: error }, 'keyword list LISTEN connection failed; reconnecting'),
  });
  const timer = setInterval(() => void reload(), reloadMs);
  timer.unref();

  return {
    start: load,
    current: (): CurrentAnalyzer => current,
    close: async () => {
      clearInterval(timer);
      await listener.close();
    },
  };
};
