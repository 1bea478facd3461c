import { createRequire } from 'node:module';
import { createAnalyzer, type KeywordList } from '@callpulse/analysis';
import { AI_LINES, CUSTOMER_LINES } from '@callpulse/simulator';

const require = createRequire(import.meta.url);
const Sentiment = require('sentiment') as new () => {
  analyze: (text: string) => { score: number };
};

const WORDS = [
  'cancel',
  'refund',
  'manager',
  'contract',
  'invoice',
  'broken',
  'outage',
  'router',
  'discount',
  'complaint',
  'payment',
  'upgrade',
  'downgrade',
  'technician',
  'appointment',
  'password',
  'account',
  'billing',
  'charge',
  'provider',
  'competitor',
  'lawyer',
  'warranty',
  'delivery',
  'signal',
];
const MODES = ['exact', 'stem', 'phrase', 'fuzzy'] as const;

/** 20 lists × 25 terms, mixed match modes. */
export const benchLists = (): KeywordList[] =>
  Array.from({ length: 20 }, (_, l) => ({
    name: `list-${l}`,
    description: '',
    speakers: ['any' as const],
    enabled: true,
    terms: WORDS.map((word, t) => {
      const match = MODES[(l + t) % MODES.length] ?? 'exact';
      if (match === 'phrase')
        return { term: `${word} ${WORDS[(t + l + 1) % WORDS.length]}`, match, slop: 1 };
      if (match === 'fuzzy') return { term: `${word}${l}`.slice(0, 12), match, maxDistance: 1 };
      return { term: word, match };
    }),
  }));

export const utterances = (): string[] => {
  const lines = [...AI_LINES, ...Object.values(CUSTOMER_LINES).flat()];
  // Realistic lengths: single lines and two-line turns.
  return [...lines, ...lines.map((l, i) => `${l} ${lines[(i * 7 + 3) % lines.length]}`)];
};

const timeLoop = (fn: (text: string) => unknown, texts: string[], ms: number): number => {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (const t of texts) fn(t);
    n += texts.length;
    now = performance.now();
  }
  return n / ((now - start) / 1000);
};

export interface AnalysisFigures {
  ours: number;
  baseline: number;
  ratio: number;
  lists: number;
  termsPerList: number;
}

/** Fragments/s of the engine with 20×25 terms vs plain sentiment.analyze, alternating. */
export const benchAnalysis = ({
  seconds,
  log,
}: {
  seconds: number;
  log: (l: string) => void;
}): AnalysisFigures => {
  const texts = utterances();
  const analyzer = createAnalyzer({ lists: benchLists() });
  const plain = new Sentiment();
  const ours = (t: string) => analyzer.analyzeUtterance(t, 'customer');
  const base = (t: string) => plain.analyze(t);
  timeLoop(ours, texts, 300);
  timeLoop(base, texts, 300);
  const rounds = 3;
  const pairs: { ours: number; baseline: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    const b = timeLoop(base, texts, (seconds * 1000) / (2 * rounds));
    const o = timeLoop(ours, texts, (seconds * 1000) / (2 * rounds));
    pairs.push({ ours: o, baseline: b });
    log(`analysis round ${i + 1}/${rounds}: ours ${o.toFixed(0)}/s, sentiment ${b.toFixed(0)}/s`);
  }
  const ratios = pairs.map((p) => p.ours / p.baseline).sort((a, b) => a - b);
  return {
    ours: Math.round(pairs.reduce((s, p) => s + p.ours, 0) / rounds),
    baseline: Math.round(pairs.reduce((s, p) => s + p.baseline, 0) / rounds),
    ratio: Number((ratios[1] ?? 0).toFixed(3)),
    lists: 20,
    termsPerList: WORDS.length,
  };
};
