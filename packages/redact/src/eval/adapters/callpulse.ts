import { createDetector } from '../../detector.js';
import { ENTITY_TYPES, type CarryState } from '../../types.js';
import type { System } from '../system.js';

const carries = new Map<string, CarryState>();

/** Ours; split fragments of one group share the carry, as ingest would pass it along. */
export const callpulse: System = {
  name: 'callpulse',
  covers: ENTITY_TYPES,
  reset: () => carries.clear(),
  load: () => {
    const detect = createDetector();
    return Promise.resolve({
      ok: true,
      detect: (u) => {
        const { spans, carry } = detect(u.text, {
          speaker: u.speaker,
          carry: u.group ? carries.get(u.group) : undefined,
        });
        if (u.group) carries.set(u.group, carry);
        return Promise.resolve(spans);
      },
    });
  },
};
