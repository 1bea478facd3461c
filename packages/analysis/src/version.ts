/**
 * Recorded beside every score so stored results can be told apart when the lexicon,
 * rules or thresholds change. Bump it whenever any of them changes a score.
 */
export const ANALYZER_VERSION = 'callpulse-analysis/1.0.0';
