// Context phrases decide the ambiguous cases: nine digits are an SSN only after "social",
// three digits a security code only after "security code". Each phrase pattern is
// anchored to the end of the text just before a candidate, with filler words allowed in
// between ("my card number is, um, ...").

/** Characters of look-behind examined for a context phrase. */
const WINDOW = 64;

/** Words people put between a phrase and its value. */
export const FILLER = String.raw`(?:[\s,:.\-]|'s\b|\b(?:is|it's|its|it|was|are|be|would|that's|the|my|um|uh|er|erm|on|number|code|date|of|as|follows|ok|okay|so)\b)*`;

const anchored = (phrase: string) => new RegExp(`\\b(?:${phrase})${FILLER}$`, 'i');

export const CARD_CONTEXT = anchored(
  String.raw`card|visa|master ?card|amex|american express|discover|long number|card number|(?:credit|debit) card(?: number)?`,
);
export const SSN_CONTEXT = anchored(
  String.raw`social(?: security)?(?: number)?|ssn|s\.?\s?s\.?\s?n\.?|last four(?: digits)?(?: of (?:my|the) social)?`,
);
export const PHONE_CONTEXT = anchored(
  String.raw`phone|mobile|cell|landline|call (?:me|us)(?: back)?(?: on| at)?|reach me(?: on| at)?|text me(?: on| at)?|callback number|contact number|telephone|tel|number`,
);
/** Numbers that look like card or phone numbers but name something else. */
export const NOT_PERSONAL_CONTEXT = new RegExp(
  String.raw`\b(?:order|tracking|reference|ref|confirmation|invoice|case|ticket|policy|member(?:ship)?|customer|account|serial|model|part|item|sku|booking|reservation|claim|transaction|receipt)(?:\s+(?:id|no\.?|#))?${FILLER}#?$`,
  'i',
);

/** Whether the text just before `at` ends with a phrase matching `context`. */
export const precededBy = (text: string, at: number, context: RegExp): boolean =>
  context.test(text.slice(Math.max(0, at - WINDOW), at));
