import { ibanValid } from '../checksums/iban.js';
import type { Span } from '../types.js';

// Country, check digits, then groups of up to four, as printed ("GB82 WEST 1234 ...").
const CANDIDATE = /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{1,4}){2,8}\b/gi;
const SEPARATORS = /[ -]/g;
const LAST_GROUP = /[ -][A-Z0-9]*$/i;
const MIN_IBAN_LENGTH = 15;

/**
 * The length of the longest prefix of a candidate, ending on a group, that is a valid
 * IBAN (0: none). A greedy match may take a following word ("... 32 and") or the next
 * IBAN, so shorter prefixes are tried until one validates.
 */
const validPrefix = (candidate: string): number => {
  for (let prefix = candidate; prefix.length >= MIN_IBAN_LENGTH;) {
    if (ibanValid(prefix.replace(SEPARATORS, '').toUpperCase())) return prefix.length;
    const cut = prefix.search(LAST_GROUP);
    if (cut < 0) return 0;
    prefix = prefix.slice(0, cut);
  }
  return 0;
};

/** IBANs whose mod-97 check passes. */
export const detectIban = (text: string, out: Span[]): void => {
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const length = validPrefix(m[0]);
    if (length > 0) out.push({ type: 'iban', start: m.index, end: m.index + length });
    // Go on right after the IBAN, not after all the match took: the next IBAN may start
    // there. When the match holds none, one may start inside it ("ref AB12 GB82 ...").
    CANDIDATE.lastIndex = m.index + Math.max(length, 1);
  }
};
