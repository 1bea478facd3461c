import Sentiment from 'sentiment';
import { createAnalyzer } from '../analyzer.js';
import { benchLists } from './bench-lists.js';
import { readCalls } from './datasets.js';
import { bestThroughputs } from './throughput.js';

// Fragments per second of the full analyzer (sentiment and 20 lists x 25 terms of mixed
// modes) against plain `sentiment`, on the same realistic utterances, in the same run.
// Run with `npm run bench` (from packages/analysis) after `tsc -b`.

const calls = readCalls().map((c) => c.text);
const texts = Array.from({ length: 10 }, () => calls).flat();
const lists = benchLists(calls);
const analyzer = createAnalyzer({ lists });
const sentimentOnly = createAnalyzer();
const plain = new Sentiment();

const speeds = bestThroughputs(
  [
    { name: 'sentiment', score: (text) => plain.analyze(text) },
    {
      name: 'callpulse, no lists',
      score: (text) => sentimentOnly.analyzeUtterance(text, 'customer'),
    },
    { name: 'callpulse, 20 x 25', score: (text) => analyzer.analyzeUtterance(text, 'customer') },
  ],
  texts,
  { rounds: 5, minMs: 500 },
);

const hits = calls.reduce(
  (n, text) => n + analyzer.analyzeUtterance(text, 'customer').hits.length,
  0,
);
const base = speeds.get('sentiment') ?? 1;
console.log(
  `${texts.length} fragments (the ${calls.length} support-call utterances x 10), ` +
    `${lists.length} lists x ${lists[0]?.terms.length ?? 0} terms (exact, stem, phrase, fuzzy in turn), ` +
    `${hits} hits over the ${calls.length} utterances; best of 5 interleaved rounds`,
);
for (const [name, perSecond] of speeds) {
  console.log(
    `${name.padEnd(22)} ${Math.round(perSecond).toLocaleString('en-US').padStart(10)} fragments/s` +
      `  ${(1e6 / perSecond).toFixed(2).padStart(6)} µs each  ${(perSecond / base).toFixed(2)} x sentiment`,
  );
}
