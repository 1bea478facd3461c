/** The built-in kinds of personal data the redactor knows. */
export const ENTITY_TYPES = [
  'card_number',
  'cvv',
  'expiry',
  'ssn',
  'iban',
  'email',
  'phone',
  'date_of_birth',
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

/** A built-in type, or the name of an operator's custom pattern. */
export type RedactionType = EntityType | (string & {});

/** A redacted stretch: where the replacement token sits in the OUTPUT text. */
export interface Redaction {
  type: RedactionType;
  start: number;
  end: number;
}

/** A detected stretch of the INPUT text (internal; the values themselves never leave). */
export interface Span {
  type: RedactionType;
  start: number;
  end: number;
}

/** The trailing digits of one speaker's previous fragment (see carry.ts for the look-back). */
export interface SpeakerCarry {
  digits: string;
  /** Whether those digits followed a card phrase ("my card is ..."). */
  card: boolean;
}

/** Per-speaker carry, JSON-serializable. Holds raw digits: keep it in memory only. */
export type CarryState = Record<string, SpeakerCarry>;

export interface RedactContext {
  /** Whose fragment this is; carry is kept per speaker. */
  speaker?: string;
  /** The carry returned with the previous fragment of this call. */
  carry?: CarryState;
}

export interface RedactResult {
  text: string;
  redactions: Redaction[];
  /** Pass back in `ctx.carry` with the next fragment of the same call. */
  carry: CarryState;
}
