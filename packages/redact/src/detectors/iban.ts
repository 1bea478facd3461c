import { ibanValid } from '../checksums/iban.js';
import type { Span } from '../types.js';

// Country, check digits, then groups of up to four, as printed ("GB82 WEST 1234 ...").
const CANDIDATE = /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{1,4}){2,8}\b/gi;
const SEPARATORS = /[ -]/g;

/**
 * IBANs whose mod-97 check passes. A greedy match may take a following word ("... 32 and"),
 * so shorter prefixes ending on a group are tried until one validates.
 */
export const detectIban = (text: string, out: Span[]): void => {
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    let candidate = m[0];
    while (candidate.length >= 15) {
      if (ibanValid(candidate.replace(SEPARATORS, '').toUpperCase())) {
        out.push({ type: 'iban', start: m.index, end: m.index + candidate.length });
        break;
      }
      const cut = candidate.search(/[ -][A-Z0-9]*$/i);
      if (cut < 0) break;
      candidate = candidate.slice(0, cut);
    }
  }
};
