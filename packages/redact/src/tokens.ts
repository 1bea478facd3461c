import type { RedactionType } from './types.js';

// Type tokens rather than asterisks, so sentiment and keyword spotting downstream still
// read a sentence ("my card is [CARD_NUMBER]") and can count what was said.
const BUILT_IN: Record<string, string> = {
  card_number: '[CARD_NUMBER]',
  cvv: '[CVV]',
  expiry: '[EXPIRY]',
  ssn: '[SSN]',
  iban: '[IBAN]',
  email: '[EMAIL]',
  phone: '[PHONE]',
  date_of_birth: '[DATE_OF_BIRTH]',
};

/** The replacement for a type; custom names become `[NAME_UPPER]`. */
export const tokenFor = (type: RedactionType): string =>
  BUILT_IN[type] ?? `[${type.toUpperCase()}]`;
