import type { Window } from '../schema/condition.js';
import type { CallView } from './call-view.js';

type Range = Readonly<{ from: number; to: number }>;

const ALL_CALL: Range = Object.freeze({ from: -Infinity, to: Infinity });

// The ranges of fixed windows, made once per window (a live call reads them at every event).
const fixed = new WeakMap<Window, Range>();

const fixedRange = (window: Window, from: number, to: number): Range => {
  let range = fixed.get(window);
  if (range === undefined) {
    range = Object.freeze({ from, to });
    fixed.set(window, range);
  }
  return range;
};

/**
 * The provider-second range a window covers, both ends inclusive, or null while it cannot
 * be known: `lastSeconds` is measured back from the call's end.
 */
export const windowRange = (window: Window | undefined, view: CallView): Range | null => {
  if (window === undefined) return ALL_CALL;
  if ('firstSeconds' in window) return fixedRange(window, -Infinity, window.firstSeconds);
  if ('fromSecond' in window) return fixedRange(window, window.fromSecond, window.toSecond);
  return view.endAt === null ? null : { from: view.endAt - window.lastSeconds, to: Infinity };
};
