import type { Node } from './node.js';

/**
 * The facts a rule's outcome depends on, from the rule alone: a new utterance can change
 * it only if it hits one of `lists` or is said by a speaker whose sentiment it follows;
 * a lifecycle event only if it watches them. A rule whose outcome also depends on time
 * passing (`not`, `notFollowedBy`, `longerThan`) is `timed`: how long it can wait is
 * worked out after each evaluation (`wakeAt`).
 */
export interface Watch {
  lists: ReadonlySet<string>;
  /** Per list, the speakers whose hits it reads (`null`: every speaker's). */
  listSpeakers: ReadonlyMap<string, ReadonlySet<string> | null>;
  /** Speakers whose sentiment it follows; `null` in the set means every speaker. */
  sentiment: ReadonlySet<string | null>;
  lifecycle: boolean;
  timed: boolean;
  /**
   * Whether the call's end alone can change its outcome: timed rules, `ended`, `missed`
   * and `lastSeconds` windows. The others read only utterances, answers and errors.
   */
  atEnd: boolean;
}

export const watchOf = (node: Node): Watch => {
  const lists = new Set<string>();
  const listSpeakers = new Map<string, Set<string> | null>();
  const readList = (list: string, speakers: readonly string[] | null) => {
    lists.add(list);
    const known = listSpeakers.get(list);
    if (known === null) return;
    if (speakers === null) listSpeakers.set(list, null);
    else listSpeakers.set(list, new Set([...(known ?? []), ...speakers]));
  };
  const sentiment = new Set<string | null>();
  let lifecycle = false;
  let timed = false;
  let atEnd = false;
  const visit = (n: Node): void => {
    switch (n.op) {
      case 'said':
        readList(n.list, n.speakers);
        if (n.window !== undefined && 'lastSeconds' in n.window) atEnd = true;
        return;
      case 'near':
        for (const list of n.lists) readList(list, n.speakers);
        return;
      case 'sentiment':
        sentiment.add(n.speaker);
        return;
      case 'event':
        lifecycle = true;
        if (n.event === 'ended' || n.event === 'missed') atEnd = true;
        return;
      case 'longerThan':
        timed = true;
        return;
      case 'all':
      case 'any':
        n.children.forEach(visit);
        return;
      case 'not':
        timed = true;
        visit(n.child);
        return;
      case 'notFollowedBy':
        timed = true;
        visit(n.first);
        visit(n.then);
        return;
      case 'followedBy':
        visit(n.first);
        visit(n.then);
        return;
    }
  };
  visit(node);
  return { lists, listSpeakers, sentiment, lifecycle, timed, atEnd: atEnd || timed };
};

/** Rule indexes by the facts they watch, so an event finds the rules it can affect. */
export interface Watchers {
  /** By list, then by the speaker of the hit; `null` holds the rules reading everyone's. */
  byList: ReadonlyMap<string, ReadonlyMap<string | null, readonly number[]>>;
  /** By speaker; `null` holds the rules following every speaker's sentiment. */
  bySpeaker: ReadonlyMap<string | null, readonly number[]>;
  lifecycle: readonly number[];
  /** The timed rules, in set order; a call's state keeps one wake-up second for each. */
  timed: readonly number[];
  /** Rule index -> its position in `timed`. */
  timedIndex: Readonly<Record<number, number>>;
}

export const watchersOf = (watches: readonly Watch[]): Watchers => {
  const byList = new Map<string, Map<string | null, number[]>>();
  const bySpeaker = new Map<string | null, number[]>();
  const add = <K>(map: Map<K, number[]>, key: K, i: number) => {
    const known = map.get(key);
    if (known === undefined) map.set(key, [i]);
    else if (!known.includes(i)) known.push(i);
  };
  watches.forEach((watch, i) => {
    for (const [list, speakers] of watch.listSpeakers) {
      const forList = byList.get(list) ?? new Map<string | null, number[]>();
      byList.set(list, forList);
      for (const speaker of speakers ?? [null]) add(forList, speaker, i);
    }
    for (const speaker of watch.sentiment) add(bySpeaker, speaker, i);
  });
  const indexes = (keep: (w: Watch) => boolean) => watches.flatMap((w, i) => (keep(w) ? [i] : []));
  const timed = indexes((w) => w.timed);
  return {
    byList,
    bySpeaker,
    lifecycle: indexes((w) => w.lifecycle),
    timed,
    timedIndex: Object.fromEntries(timed.map((rule, t) => [rule, t])),
  };
};
