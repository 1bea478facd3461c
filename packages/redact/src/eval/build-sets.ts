import { readFileSync, writeFileSync } from 'node:fs';
import { parseMarkup } from './markup.js';

// Regenerates data/<set>.jsonl from the hand-annotated data/<set>.txt (the files people
// edit). Run with `npm run data` (from packages/redact) after `tsc -b`.
const DATA = new URL('../../data/', import.meta.url);

for (const set of ['dev-set', 'held-out']) {
  const lines = readFileSync(new URL(`${set}.txt`, DATA), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const out = lines.map((line, i) => JSON.stringify(parseMarkup(line, `${set}-${i + 1}`)));
  writeFileSync(new URL(`${set}.jsonl`, DATA), `${out.join('\n')}\n`);
  console.log(`${set}: ${out.length} utterances`);
}
