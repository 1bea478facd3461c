/**
 * Emoticons the tokenizer keeps as tokens, with their sentiment on the AFINN scale.
 * Typed chat and e-mail carry them; speech transcripts do not, where they cost nothing.
 */
export const EMOTICONS: ReadonlyMap<string, number> = new Map([
  [':)', 2],
  [':-)', 2],
  [':))', 3],
  [':-))', 3],
  [':o)', 2],
  [':]', 2],
  [':}', 2],
  ['=)', 2],
  ['=]', 2],
  [":')", 2],
  [":'-)", 2],
  [':D', 3],
  [':-D', 3],
  ['=D', 3],
  [';D', 3],
  [';)', 2],
  [';-)', 2],
  [':P', 1],
  [':-P', 1],
  [':p', 1],
  [':-p', 1],
  ['=P', 1],
  ['=p', 1],
  [':*', 2],
  [':-*', 2],
  ['<3', 3],
  // Text taken from web pages often arrives HTML-escaped.
  ['&lt;3', 3],
  ['^_^', 2],
  ['^^', 2],
  [':(', -2],
  [':-(', -2],
  [':((', -3],
  [":'(", -3],
  [":'-(", -3],
  [';(', -2],
  ['=(', -2],
  [':[', -2],
  [':-[', -2],
  [':c', -2],
  [':/', -1],
  [':-/', -1],
  ['=/', -1],
  [':\\', -1],
  [':S', -1],
  [':-S', -1],
  ['>:(', -3],
  ['</3', -3],
  ['&lt;/3', -3],
  [':@', -2],
  ['-_-', -1],
]);

/** Emoticons by first character, longest first (":((" before ":("). */
export const EMOTICONS_BY_FIRST_CHAR: ReadonlyMap<number, readonly string[]> = (() => {
  const byChar = new Map<number, string[]>();
  for (const form of EMOTICONS.keys()) {
    const code = form.charCodeAt(0);
    byChar.set(code, [...(byChar.get(code) ?? []), form]);
  }
  for (const forms of byChar.values()) forms.sort((a, b) => b.length - a.length);
  return byChar;
})();
