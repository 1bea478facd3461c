import type { KeywordList, KeywordTerm } from '@callpulse/analysis';
import type { Condition } from '../schema/condition.js';
import { formatPath, type RuleIssue } from '../schema/path.js';
import type { Node } from './node.js';

/**
 * Collects the term sets a rule set matches: one per `said` terms and per `near` term, and
 * one per keyword list the rules name. A list the analyzer itself matches for every
 * speaker keeps its own name, so the analyzer's hits serve the rules as they are
 * (`RuleSet.learn`); any other list is matched under a name of its own.
 */
export interface ListCollector {
  known: ReadonlyMap<string, KeywordList>;
  /** `positional`: the rules need the word positions of its hits (`near`). */
  add(terms: readonly KeywordTerm[], positional?: boolean): string;
  addList(list: KeywordList): string;
  /** A number unique to each leaf condition of the rule set: its place in a call's memo. */
  slot(): number;
}

export interface CollectedLists {
  /** Term sets only the rules match. */
  own: KeywordList[];
  /** Operator lists the analyzer matches for every speaker; their hits are shared. */
  shared: KeywordList[];
  /** The lists whose hits need word positions (only `near` reads them). */
  positional: Set<string>;
}

/** Whether the analyzer's hits of `list` are the rules' hits: enabled, for any speaker. */
export const isShareable = (list: KeywordList): boolean =>
  list.enabled && list.speakers.includes('any');

export const createListCollector = (lists: readonly KeywordList[]) => {
  const compiled: CollectedLists = { own: [], shared: [], positional: new Set() };
  const byList = new Map<string, string>();
  let slots = 0;
  const collector: ListCollector = {
    slot: () => slots++,
    known: new Map(lists.map((list) => [list.name, list])),
    add: (terms, positional = false) => {
      // Ids outside the list-name alphabet cannot collide with an operator's list name.
      const name = `#${compiled.own.length}`;
      compiled.own.push({ name, speakers: ['any'], enabled: true, terms: [...terms] });
      if (positional) compiled.positional.add(name);
      return name;
    },
    addList: (list) => {
      const known = byList.get(list.name);
      if (known !== undefined) return known;
      let name = list.name;
      if (isShareable(list)) compiled.shared.push(list);
      else name = collector.add(list.terms);
      byList.set(list.name, name);
      return name;
    },
  };
  return { collector, compiled };
};

const speakersOf = (speaker: string | undefined, fallback: readonly string[] | null) =>
  speaker === undefined ? fallback : speaker === 'any' ? null : [speaker];

/** Lowers a validated condition to a node; an unknown list is reported, never a silent no-match. */
export const compileCondition = (
  condition: Condition,
  lists: ListCollector,
  path: readonly PropertyKey[],
  issues: RuleIssue[],
): Node => {
  if ('said' in condition) {
    const { list, terms = [], speaker, atLeast, window } = condition.said;
    if (list === undefined) {
      return {
        op: 'said',
        slot: lists.slot(),
        list: lists.add(terms),
        label: terms.map((t) => t.term).join('|'),
        speakers: speakersOf(speaker, null),
        atLeast,
        window,
      };
    }
    const named = lists.known.get(list);
    if (named === undefined) {
      issues.push({
        path: formatPath([...path, 'said', 'list']),
        message: `unknown keyword list "${list}"`,
      });
    }
    // A rule uses a list as vocabulary: its terms match even if the list is disabled for
    // hit recording; without a speaker of its own, the rule listens to the list's speakers.
    const listSpeakers = named?.speakers.includes('any') !== false ? null : named.speakers;
    return {
      op: 'said',
      slot: lists.slot(),
      list: named === undefined ? lists.add([]) : lists.addList(named),
      label: list,
      speakers: speakersOf(speaker, listSpeakers),
      atLeast,
      window,
    };
  }
  if ('near' in condition) {
    const { terms, words, speaker } = condition.near;
    return {
      op: 'near',
      slot: lists.slot(),
      lists: terms.map((term) => lists.add([term], true)),
      terms: terms.map((term) => term.term),
      words,
      speakers: speakersOf(speaker, null),
    };
  }
  if ('sentiment' in condition) {
    const { speaker, below, above, overLast } = condition.sentiment;
    return {
      op: 'sentiment',
      slot: lists.slot(),
      speaker: speaker === 'any' ? null : speaker,
      below,
      above,
      overLast,
    };
  }
  if ('event' in condition) return { op: 'event', event: condition.event };
  if ('longerThan' in condition) return { op: 'longerThan', seconds: condition.longerThan.seconds };
  if ('all' in condition || 'any' in condition) {
    const [op, children] = 'all' in condition ? ['all', condition.all] : ['any', condition.any];
    return {
      op: op as 'all' | 'any',
      children: children.map((c, i) => compileCondition(c, lists, [...path, op, i], issues)),
    };
  }
  if ('not' in condition) {
    return { op: 'not', child: compileCondition(condition.not, lists, [...path, 'not'], issues) };
  }
  const [op, body] =
    'followedBy' in condition
      ? (['followedBy', condition.followedBy] as const)
      : (['notFollowedBy', condition.notFollowedBy] as const);
  return {
    op,
    first: compileCondition(body.first, lists, [...path, op, 'first'], issues),
    then: compileCondition(body.then, lists, [...path, op, 'then'], issues),
    within: body.withinSeconds,
  };
};
