import { performance } from 'node:perf_hooks';
import { createRedactor } from '../redactor.js';
import { ENTITY_TYPES } from '../types.js';
import { arcjet } from './adapters/arcjet.js';
import { callpulse } from './adapters/callpulse.js';
import { openredaction } from './adapters/openredaction.js';
import { redactPii } from './adapters/redact-pii.js';
import { readSet } from './dataset.js';
import type { GoldUtterance } from './markup.js';
import { score, type SetScore } from './score.js';
import type { System } from './system.js';

// Recall and precision per type on the development set and the held-out set, for our
// redactor and the three libraries, and our redactor's speed. Run with
// `npm run eval:redaction` at the root.

const SYSTEMS: readonly System[] = [callpulse, openredaction, redactPii, arcjet];
const SETS = [
  { name: 'dev-set', data: readSet('dev-set') },
  { name: 'held-out', data: readSet('held-out') },
] as const;

const run = async (system: System, data: readonly GoldUtterance[]) => {
  const loaded = await system.load();
  if (!loaded.ok) return loaded;
  system.reset?.();
  const predictions = [];
  for (const u of data) predictions.push(await loaded.detect(u));
  return { ok: true as const, score: score(data, predictions, ENTITY_TYPES) };
};

const cell = (system: System, type: string, s: SetScore) => {
  const t = s.byType.get(type);
  if (!t || !system.covers.includes(type)) return `|${'-'.padStart(9)}${'-'.padStart(8)} `;
  const recall = t.gold ? (t.found / t.gold).toFixed(3) : '-';
  const precision = t.predicted ? (t.correct / t.predicted).toFixed(3) : '-';
  return `|${recall.padStart(9)}${precision.padStart(8)} `;
};

for (const { name, data } of SETS) {
  const counts = ENTITY_TYPES.map((t) => {
    const n = data.reduce((sum, u) => sum + u.spans.filter((s) => s.type === t).length, 0);
    return `${t} ${n}`;
  });
  console.log(`\n${name}: ${data.length} utterances; gold spans: ${counts.join(', ')}`);
  console.log(`${'type'.padEnd(14)}${SYSTEMS.map((s) => `| ${s.name.padEnd(17)}`).join('')}`);
  console.log(
    `${''.padEnd(14)}${SYSTEMS.map(() => `|${'recall'.padStart(9)}${'prec.'.padStart(8)} `).join('')}`,
  );
  const results = [];
  for (const system of SYSTEMS) results.push(await run(system, data));
  for (const type of ENTITY_TYPES) {
    const row = results.map((r, i) =>
      r.ok ? cell(SYSTEMS[i] as System, type, r.score) : '| not loaded       ',
    );
    console.log(type.padEnd(14) + row.join(''));
  }
  const leaks = results.map((r) =>
    r.ok ? `| ${`${r.score.leaked}/${r.score.gold}`.padEnd(17)}` : `| ${'-'.padEnd(17)}`,
  );
  console.log('leaked spans'.padEnd(14) + leaks.join(''));
  results.forEach((r, i) => {
    if (!r.ok) console.log(`${SYSTEMS[i]?.name}: ${r.error}`);
  });
}

// Speed of the whole redact() (detection and replacement) over the dev set's texts:
// one warm-up pass, then whole passes for at least a second.
const texts = SETS[0].data.map((u) => u.text);
const redactor = createRedactor();
for (const t of texts) redactor.redact(t);
let done = 0;
const started = performance.now();
while (performance.now() - started < 1000) {
  for (const t of texts) redactor.redact(t);
  done += texts.length;
}
const perSecond = (done / (performance.now() - started)) * 1000;
console.log(
  `\ncallpulse redact(): ${Math.round(perSecond).toLocaleString('en-US')} utterances/s ` +
    `(${(1e6 / perSecond).toFixed(1)} µs each, dev-set texts)`,
);
console.log(
  'recall: gold spans overlapped by a prediction of the same type; precision: predictions ' +
    'overlapping a gold span of their type; leaked: gold spans with any letter or digit left ' +
    'visible by all of a system’s redactions. "-": the system has no detector for the type.',
);
