import { alignMarkers } from '../align.js';
import type { System } from '../system.js';

const TYPES: Record<string, string> = {
  'credit-card-number': 'card_number',
  email: 'email',
  'phone-number': 'phone',
  'ip-address': 'ip_address',
};
const MARKER_OF = new Map(Object.keys(TYPES).map((t, i) => [t, String.fromCharCode(0xe101 + i)]));
const markers = new Map([
  ...Object.entries(TYPES).map(([t, ours]) => [MARKER_OF.get(t) ?? '', ours] as const),
  ['\uE1FF', 'other'],
]);

export const arcjet: System = {
  name: '@arcjet/redact',
  covers: ['card_number', 'email', 'phone'],
  load: async () => {
    try {
      const { redact } = await import('@arcjet/redact');
      return {
        ok: true,
        detect: async (u) => {
          const [output] = await redact(u.text, {
            replace: (entity) => MARKER_OF.get(entity) ?? '\uE1FF',
          });
          return alignMarkers(u.text, output, markers) ?? [];
        },
      };
    } catch (error) {
      return { ok: false, error: `cannot load: ${(error as Error).message}` };
    }
  },
};
