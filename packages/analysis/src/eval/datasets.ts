import { readFileSync } from 'node:fs';
import type { SentimentLabel } from '../types.js';

/** A human-rated text: `rating` is the (mean) rating on -4..+4. */
export interface RatedText {
  id: string;
  rating: number;
  text: string;
}

const DATA = new URL('../../data/', import.meta.url);

/** The paper's convention for both sets: mean/4 >= 0.05 positive, <= -0.05 negative. */
export const goldLabel = (rating: number): SentimentLabel =>
  rating / 4 >= 0.05 ? 'positive' : rating / 4 <= -0.05 ? 'negative' : 'neutral';

/** VADER's tweets: `ID <TAB> MEAN <TAB> TEXT`, CRLF, no header. */
export const readTweets = (): RatedText[] =>
  readFileSync(new URL('vader-tweets/tweets_GroundTruth.txt', DATA), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [id = '', mean = '', ...text] = line.split('\t');
      return { id, rating: Number(mean), text: text.join('\t') };
    });

/** Our support-call utterances: `id <TAB> speaker <TAB> rating <TAB> text`, one header. */
export const readCalls = (): (RatedText & { speaker: string })[] =>
  readFileSync(new URL('support-calls/utterances.tsv', DATA), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [id = '', speaker = '', rating = '', ...text] = line.split('\t');
      return { id, speaker, rating: Number(rating), text: text.join('\t') };
    });
