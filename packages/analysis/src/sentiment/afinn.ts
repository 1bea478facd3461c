import afinn from 'sentiment/languages/en/labels.json' with { type: 'json' };

/**
 * AFINN-165 (Finn Årup Nielsen, 2015; ODbL), as shipped by the `sentiment` package:
 * 3,382 English words and a few phrases rated -5..+5. Read from the package's data file
 * rather than through `Sentiment#analyze`, whose `extras` option writes into this same
 * shared table and so leaks one caller's words into every other caller.
 */
export const AFINN_165: Readonly<Record<string, number>> = afinn;
