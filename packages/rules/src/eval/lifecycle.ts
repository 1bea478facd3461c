import type { Node } from '../compile/node.js';
import type { CallView } from './call-view.js';
import { NO_EVIDENCE, NO_OCCURRENCES as NONE, type Occurrence, type Outcome } from './outcome.js';

type LifecycleNode = Extract<Node, { op: 'event' }>;

const at = (second: number): Occurrence => ({ at: second, evidence: NO_EVIDENCE });

/** `answered` and `error` occur at their events; `ended` and `missed` only at call_ended. */
export const evaluateEvent = (node: LifecycleNode, view: CallView): Outcome => {
  const completeBefore = view.endAt === null ? view.now : Infinity;
  switch (node.event) {
    case 'answered':
      return {
        occurrences: view.answeredAt === null ? NONE : [at(view.answeredAt)],
        completeBefore,
      };
    case 'error':
      return {
        occurrences:
          view.errorsAt.length === 0 ? NONE : [...view.errorsAt].sort((a, b) => a - b).map(at),
        completeBefore,
      };
    case 'ended':
      return { occurrences: view.endAt === null ? NONE : [at(view.endAt)], completeBefore };
    case 'missed':
      return {
        occurrences: view.endAt !== null && view.answeredAt === null ? [at(view.endAt)] : NONE,
        completeBefore,
      };
  }
};

/**
 * True at `seconds` once the call is known to have lasted longer (strictly): by its end, or
 * while live by the latest event or sweep. Reported at `seconds`, so live and final agree.
 */
export const evaluateLongerThan = (
  node: Extract<Node, { op: 'longerThan' }>,
  view: CallView,
): Outcome => {
  const lasted = view.endAt ?? view.now;
  return {
    occurrences: lasted > node.seconds ? [at(node.seconds)] : NONE,
    completeBefore: view.endAt === null ? view.now : Infinity,
  };
};
