import { randomUUID } from 'node:crypto';
import type { KeywordList, TokenizedAnalysis } from '@callpulse/analysis';
import type { RuleIssue } from '../schema/path.js';
import type { Rule } from '../schema/rule-schema.js';
import type { Severity } from '../types.js';
import { compileCondition, createListCollector } from './compile-condition.js';
import type { Node } from './node.js';
import { createTextAnalyzer, type TextAnalysis } from './text-analysis.js';
import { watchersOf, watchOf, type Watch, type Watchers } from './watch.js';

export interface CompiledRule {
  name: string;
  version: number;
  severity: Severity;
  /** `name@version`: a rule fires at most once per call per version. */
  key: string;
  when: Node;
  /** The facts its outcome depends on: other events are not evaluated against it. */
  watch: Watch;
  source: Rule;
}

/** The evaluator's context: compiled rules plus the one text analyzer they share. */
export interface RuleSet {
  /** Unique to this compilation: what a call's state remembers of it is valid only here. */
  id: string;
  rules: readonly CompiledRule[];
  /** Which rules (indexes into `rules`) each kind of fact can affect. */
  watchers: Watchers;
  analyze(text: string): TextAnalysis;
  /**
   * Takes an utterance's analysis from the pipeline's analyzer, compiled from the same
   * lists and overrides, so the rules need not analyze it again.
   */
  learn(text: string, analyzed: TokenizedAnalysis): void;
  /** Utterances kept per call; later ones are counted, not evaluated (bounds the state). */
  maxFragments: number;
}

export interface CompileOptions {
  /** Keyword lists that `said: { list }` may name (validated, `keywordListSchema` output). */
  lists?: readonly KeywordList[];
  /** Sentiment word overrides, as for the analyzer. */
  overrides?: Readonly<Record<string, number>>;
  maxFragments?: number;
  cacheSize?: number;
}

export interface CompileResult {
  ruleSet: RuleSet;
  /** Rules left out, and why: today only a list that no longer exists. */
  skipped: { rule: string; issues: RuleIssue[] }[];
}

/**
 * Compiles validated rules once per rule-set change. Disabled rules are left out. A rule
 * naming a list that is not given is skipped and reported (lists can be deleted after a
 * rule was validated against them).
 */
export const compileRules = (
  rules: readonly Rule[],
  {
    lists = [],
    overrides = {},
    maxFragments = 2000, // utterances per call: far above a real call, bounds a runaway one
    cacheSize = 10_000, // memoized utterance analyses, shared by every call
  }: CompileOptions = {},
): CompileResult => {
  const { collector, compiled: termLists } = createListCollector(lists);
  const compiled: CompiledRule[] = [];
  const skipped: CompileResult['skipped'] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const issues: RuleIssue[] = [];
    const when = compileCondition(rule.when, collector, ['when'], issues);
    if (issues.length > 0) {
      skipped.push({ rule: rule.name, issues });
      continue;
    }
    const version = rule.version ?? 1;
    compiled.push({
      name: rule.name,
      version,
      severity: rule.severity,
      key: `${rule.name}@${version}`,
      when,
      watch: watchOf(when),
      source: rule,
    });
  }
  const { analyze, learn } = createTextAnalyzer({ lists: termLists, overrides, cacheSize });
  const id = randomUUID();
  const watchers = watchersOf(compiled.map((rule) => rule.watch));
  return { ruleSet: { id, rules: compiled, watchers, analyze, learn, maxFragments }, skipped };
};
