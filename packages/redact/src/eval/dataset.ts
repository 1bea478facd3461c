import { readFileSync } from 'node:fs';
import type { GoldUtterance } from './markup.js';

const DATA = new URL('../../data/', import.meta.url);

export const readSet = (name: 'dev-set' | 'held-out'): GoldUtterance[] =>
  readFileSync(new URL(`${name}.jsonl`, DATA), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GoldUtterance);
