import type { Window } from '../schema/condition.js';
import type { CallView } from './call-view.js';

const ALL_CALL = Object.freeze({ from: -Infinity, to: Infinity });

/**
 * The provider-second range a window covers, both ends inclusive, or null while it cannot
 * be known: `lastSeconds` is measured back from the call's end.
 */
export const windowRange = (
  window: Window | undefined,
  view: CallView,
): { from: number; to: number } | null => {
  if (window === undefined) return ALL_CALL;
  if ('firstSeconds' in window) return { from: -Infinity, to: window.firstSeconds };
  if ('fromSecond' in window) return { from: window.fromSecond, to: window.toSecond };
  return view.endAt === null ? null : { from: view.endAt - window.lastSeconds, to: Infinity };
};
