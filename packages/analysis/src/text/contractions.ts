/**
 * Contractions as transcribers and typists write them without the apostrophe, mapped to
 * one spelling so "cant", "can't" and "can’t" are one word to the lexicon and to keyword
 * terms. Only forms that are rarely anything else are listed ("wont" and "cant" are
 * words, but far rarer in speech than the contractions; "id", "ill", "well", "were"
 * and "its" are left alone).
 */
export const CONTRACTIONS: ReadonlyMap<string, string> = new Map([
  ['aint', "ain't"],
  ['arent', "aren't"],
  ['cant', "can't"],
  ['couldnt', "couldn't"],
  ['didnt', "didn't"],
  ['doesnt', "doesn't"],
  ['dont', "don't"],
  ['hadnt', "hadn't"],
  ['hasnt', "hasn't"],
  ['havent', "haven't"],
  ['isnt', "isn't"],
  ['mightnt', "mightn't"],
  ['mustnt', "mustn't"],
  ['neednt', "needn't"],
  ['shant', "shan't"],
  ['shouldnt', "shouldn't"],
  ['wasnt', "wasn't"],
  ['werent', "weren't"],
  ['wont', "won't"],
  ['wouldnt', "wouldn't"],
  ['im', "i'm"],
  ['ive', "i've"],
  ['youre', "you're"],
  ['thats', "that's"],
  ['theyre', "they're"],
]);

/** The spelling every comparison uses for a folded word ("cant" -> "can't"). */
export const canonicalWord = (norm: string): string => CONTRACTIONS.get(norm) ?? norm;
