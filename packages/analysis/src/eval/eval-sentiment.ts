import { scoreSentiment } from '../sentiment/score-sentiment.js';
import { goldLabel, readCalls, readTweets, type RatedText } from './datasets.js';
import { macroF1, pearson } from './metrics.js';
import { SCORERS } from './scorers.js';
import { bestThroughputs } from './throughput.js';

// Scores the human-labelled sets with our engine and the three comparison packages and
// prints macro-F1, Pearson r with the human rating, and speed, side by side.
// Run with `npm run eval` (from packages/analysis) after `tsc -b`.

interface Row {
  f1: number;
  r: number;
  perSecond: number;
}

const evaluate = (data: readonly RatedText[]): Map<string, Row> => {
  const gold = data.map((d) => goldLabel(d.rating));
  const human = data.map((d) => d.rating);
  const texts = data.map((d) => d.text);
  const speeds = bestThroughputs(SCORERS, texts);
  const rows = new Map<string, Row>();
  for (const scorer of SCORERS) {
    const scored = texts.map((t) => scorer.score(t));
    rows.set(scorer.name, {
      f1: macroF1(
        scored.map((s) => s.label),
        gold,
      ),
      r: pearson(
        scored.map((s) => s.value),
        human,
      ),
      perSecond: speeds.get(scorer.name) ?? 0,
    });
  }
  return rows;
};

const datasets = [
  { name: 'tweets', data: readTweets() },
  { name: 'calls', data: readCalls() },
] as const;

const results = datasets.map(({ name, data }) => ({ name, data, rows: evaluate(data) }));

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, width: number) => x.toFixed(3).padStart(width);
const rate = (x: number) => Math.round(x).toLocaleString('en-US').padStart(10);

console.log(
  `datasets: ${results.map(({ name, data }) => `${name} n=${data.length}`).join(', ')}; ` +
    'gold label: mean rating / 4 >= 0.05 positive, <= -0.05 negative, else neutral',
);
console.log('');
console.log(
  pad('scorer', 16) +
    results
      .map(
        ({ name }) =>
          `| ${pad(name, 7)}${'macro-F1'.padStart(9)} ${'r'.padStart(6)} ${'texts/s'.padStart(10)} `,
      )
      .join(''),
);
for (const scorer of SCORERS) {
  const cells = results.map(({ rows }) => {
    const row = rows.get(scorer.name) as Row;
    return `| ${' '.repeat(7)}${num(row.f1, 9)} ${num(row.r, 6)} ${rate(row.perSecond)} `;
  });
  console.log(pad(scorer.name, 16) + cells.join(''));
}
console.log('');
console.log('label conventions:');
for (const scorer of SCORERS) console.log(`  ${pad(scorer.name, 16)} ${scorer.convention}`);
console.log('');
for (const { name, data, rows } of results) {
  const ours = rows.get('callpulse') as Row;
  const plain = rows.get('sentiment') as Row;
  const vader = rows.get('vader-sentiment') as Row;
  const comparatives = data.map((d) => scoreSentiment(d.text).comparative);
  const rComparative = pearson(
    comparatives,
    data.map((d) => d.rating),
  );
  console.log(
    `${name}: callpulse macro-F1 ${ours.f1 > vader.f1 ? 'above' : 'NOT above'} vader-sentiment ` +
      `(${ours.f1.toFixed(3)} vs ${vader.f1.toFixed(3)}); speed ${(ours.perSecond / plain.perSecond).toFixed(2)} ` +
      `x plain sentiment; callpulse r on comparative ${rComparative.toFixed(3)}`,
  );
}
