// Words that change the weight of the sentiment word after them, and the factors they
// apply. The factors are VADER's (Hutto & Gilbert 2014), which were fitted to human
// ratings, rounded and moved onto the AFINN scale.

/** A negated word keeps 74 % of its strength with the sign flipped ("not good" ≈ -0.74 × good). */
export const NEGATION_FACTOR = -0.74;
/** How many words back a negator still reaches ("isn't really that helpful"). */
export const NEGATION_WINDOW = 3;

/** "very good" = 1.3 × good next to it; 1.15 × one word further away. */
export const BOOST_FACTOR = 0.3;
/** "a bit slow" = 0.7 × slow. */
export const DAMPEN_FACTOR = -0.3;
export const MODIFIER_WINDOW = 2;

/** In "X but Y" the clause after "but" carries the speaker's point. */
export const BEFORE_CONTRAST_FACTOR = 0.5;
export const AFTER_CONTRAST_FACTOR = 1.5;

/** A word in capitals among lower-case words is shouted. */
export const CAPS_FACTOR = 1.3;
/** Added in the direction of the score for each "!", up to EXCLAMATION_MAX of them. */
export const EXCLAMATION_WEIGHT = 0.35;
export const EXCLAMATION_MAX = 3;

/** Words that negate what follows, besides every "…n't" contraction. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'none',
  'nobody',
  'noone',
  'nothing',
  'neither',
  'nor',
  'nowhere',
  'cannot',
  'without',
  'nope',
]);

export const isNegator = (form: string): boolean =>
  NEGATORS.has(form) || (form.length > 3 && form.endsWith("n't"));

/** Degree adverbs; each multiplies the next sentiment word. */
export const INTENSITY: ReadonlyMap<string, number> = new Map([
  ...[
    'very',
    'really',
    'so',
    'extremely',
    'totally',
    'absolutely',
    'completely',
    'incredibly',
    'highly',
    'truly',
    'utterly',
    'entirely',
    'especially',
    'exceptionally',
    'hugely',
    'immensely',
    'particularly',
    'remarkably',
    'thoroughly',
    'tremendously',
    'unbelievably',
    'deeply',
    'genuinely',
    'seriously',
    'too',
    'such',
    'most',
    // "still broken", "still not working": in a support call, persistence is the complaint.
    'still',
  ].map((word) => [word, BOOST_FACTOR] as const),
  ...[
    'slightly',
    'somewhat',
    'bit',
    'little',
    'barely',
    'hardly',
    'scarcely',
    'marginally',
    'partly',
    'kinda',
    'sorta',
    'fairly',
  ].map((word) => [word, DAMPEN_FACTOR] as const),
]);

/** Words after which the speaker's real point follows. */
export const CONTRASTS: ReadonlySet<string> = new Set(['but', 'however']);
