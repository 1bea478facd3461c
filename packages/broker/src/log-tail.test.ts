import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileSize, lastLines, tailFile } from './log-tail.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broker-log-tail-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tailFile', () => {
  it('shows only what was written after the given offset, not an older run', async () => {
    const log = join(dir, 'broker.log');
    await writeFile(log, 'old run 1\nold run 2\n');
    const offset = await fileSize(log);
    await appendFile(log, 'new 1\nnew 2\n');
    expect(await tailFile(log, { since: offset })).toBe('  new 1\n  new 2');
  });

  it('reads the whole file after log4j rolled it over (it got smaller)', async () => {
    const log = join(dir, 'broker.log');
    await writeFile(log, 'fresh\n');
    expect(await tailFile(log, { since: 10_000 })).toBe('  fresh');
  });

  it('keeps the last lines only, and is empty for a missing file', async () => {
    const log = join(dir, 'broker.log');
    await writeFile(log, Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n'));
    expect((await tailFile(log, { count: 3 })).split('\n')).toEqual([
      '  line 47',
      '  line 48',
      '  line 49',
    ]);
    expect(await tailFile(join(dir, 'missing.log'))).toBe('');
    expect(await fileSize(join(dir, 'missing.log'))).toBe(0);
  });
});

describe('lastLines', () => {
  it('drops blank lines and indents the rest', () => {
    expect(lastLines('a\n\n b \r\n', 5)).toBe('  a\n   b');
  });
});
