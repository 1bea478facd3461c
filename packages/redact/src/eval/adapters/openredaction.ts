import type { System } from '../system.js';

// Its 570 pattern types onto ours; any other detection still counts as text hidden.
const TYPES: Record<string, string> = {
  CREDIT_CARD: 'card_number',
  CVV: 'cvv',
  CVV_CODE: 'cvv',
  CARD_EXPIRY: 'expiry',
  SSN: 'ssn',
  IBAN: 'iban',
  UK_BANK_ACCOUNT_IBAN: 'iban',
  EMAIL: 'email',
  DATE_OF_BIRTH: 'date_of_birth',
  DATE: 'date_of_birth',
};

export const openredaction: System = {
  name: 'openredaction',
  covers: ['card_number', 'cvv', 'expiry', 'ssn', 'iban', 'email', 'phone', 'date_of_birth'],
  load: async () => {
    try {
      const { OpenRedaction } = await import('openredaction');
      const detector = new OpenRedaction();
      return {
        ok: true,
        detect: async (u) =>
          (await detector.detect(u.text)).detections.map((d) => ({
            type: d.type.startsWith('PHONE') ? 'phone' : (TYPES[d.type] ?? d.type),
            start: d.position[0],
            end: d.position[1],
          })),
      };
    } catch (error) {
      return { ok: false, error: `cannot load: ${(error as Error).message}` };
    }
  },
};
