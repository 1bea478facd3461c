import {
  createAnalyzer,
  keywordListSchema,
  type Analyzer,
  type KeywordList,
} from '@callpulse/analysis';
import {
  KEYWORD_LISTS_CHANNEL,
  listenForChanges,
  loadKeywordLists,
  loadRules,
  RULES_CHANNEL,
  type Pool,
  type StoredRule,
} from '@callpulse/db';
import { compileRules, ruleSchema, type Rule, type RuleSet } from '@callpulse/rules';
import type { Logger } from '@callpulse/runtime';

/** What the analyzer works with, compiled from Postgres; replaced whole on every change. */
export interface CurrentAnalyzer {
  analyzer: Analyzer;
  /** The keyword-lists revision this analyzer was compiled from. */
  revision: string;
  ruleSet: RuleSet;
  rulesRevision: string;
  /** Each rule's destinations and the statuses that notify them, by rule name. */
  notify: ReadonlyMap<string, { notify: string[]; notifyOn: string[] }>;
}

const parseLists = (stored: unknown[], logger: Logger): KeywordList[] =>
  stored.flatMap((list) => {
    const parsed = keywordListSchema.safeParse(list);
    if (parsed.success) return [parsed.data];
    logger.warn(
      { list: (list as { name?: unknown }).name, issues: parsed.error.issues.slice(0, 5) },
      'invalid keyword list skipped',
    );
    return [];
  });

const parseRules = (stored: StoredRule[], logger: Logger): Rule[] =>
  stored.flatMap((row) => {
    // The columns win over the definition: `UPDATE rules SET enabled = false` disables it.
    const { name, version, enabled, severity, notify } = row;
    const parsed = ruleSchema.safeParse({
      ...row.definition,
      name,
      version,
      enabled,
      severity,
      notify,
    });
    if (parsed.success) return [parsed.data];
    logger.warn(
      { rule: row.name, issues: parsed.error.issues.slice(0, 5) },
      'invalid rule skipped',
    );
    return [];
  });

/**
 * Keeps an analyzer and a rule set compiled from the keyword lists and rules in Postgres:
 * reloaded on NOTIFY within a moment of a change, re-read periodically in case a
 * notification was missed. A list or rule that fails validation (possible through plain
 * SQL) is skipped with a warning, as is a rule naming a list that no longer exists.
 */
export const createConfigSource = ({
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
  /** Told the revisions now in use (metrics, so operators and tests can see them). */
  onLoaded?: (revisions: { lists: string; rules: string }) => void;
}) => {
  let current: CurrentAnalyzer = {
    analyzer: createAnalyzer({ overrides }),
    revision: '0',
    ruleSet: compileRules([]).ruleSet,
    rulesRevision: '0',
    notify: new Map(),
  };
  let loading: Promise<void> | null = null;
  let again = false;

  const load = async (): Promise<void> => {
    const [lists, rules] = await Promise.all([loadKeywordLists(pool), loadRules(pool)]);
    if (lists.revision === current.revision && rules.revision === current.rulesRevision) return;
    const valid = parseLists(lists.lists, logger);
    const parsedRules = parseRules(rules.rules, logger);
    const { ruleSet, skipped } = compileRules(parsedRules, { lists: valid, overrides });
    for (const { rule, issues } of skipped) logger.warn({ rule, issues }, 'rule skipped');
    current = {
      analyzer: createAnalyzer({ lists: valid, overrides }),
      revision: lists.revision,
      ruleSet,
      rulesRevision: rules.revision,
      notify: new Map(parsedRules.map((r) => [r.name, { notify: r.notify, notifyOn: r.notifyOn }])),
    };
    onLoaded({ lists: lists.revision, rules: rules.revision });
    logger.info(
      {
        revision: lists.revision,
        lists: valid.length,
        rulesRevision: rules.revision,
        rules: ruleSet.rules.length,
      },
      'keyword lists and rules loaded',
    );
  };

  /** Coalesces bursts of notifications into one reload at a time. */
  const reload = (): Promise<void> => {
    if (loading) {
      again = true;
      return loading;
    }
    loading = load()
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'reload of lists and rules failed; keeping the last ones'),
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

  const listener = listenForChanges({
    connectionString,
    channels: [KEYWORD_LISTS_CHANNEL, RULES_CHANNEL],
    onChange: () => void reload(),
    onError: (error) => logger.warn({ err: error }, 'LISTEN connection failed; reconnecting'),
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
