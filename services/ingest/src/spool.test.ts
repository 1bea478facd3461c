import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutgoingMessage } from '@callpulse/kafka';
import { afterEach, describe, expect, it } from 'vitest';
import { openSpool, SpoolFullError } from './spool.js';

const dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'spool-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const msg = (i: number): OutgoingMessage => ({ key: `k${i % 3}`, value: `{"n":${i}}` });

describe('spool', () => {
  it('forwards everything in append order across segments and survives a reopen', async () => {
    const dir = scratch();
    const spool = await openSpool({ dir, segmentBytes: 200 });
    for (let i = 0; i < 50; i++) await spool.append(msg(i));
    expect(spool.pending()).toBe(true);
    expect(readdirSync(dir).length).toBeGreaterThan(1);

    const reopened = await openSpool({ dir, segmentBytes: 200 });
    const seen: string[] = [];
    const forwarded = await reopened.drain((batch) => {
      seen.push(...batch.map((m) => m.value));
      return Promise.resolve();
    });
    expect(forwarded).toBe(50);
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => `{"n":${i}}`));
    expect(reopened.pending()).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps a segment whose forwarding failed, for the next drain', async () => {
    const spool = await openSpool({ dir: scratch() });
    await spool.append(msg(1));
    await expect(spool.drain(() => Promise.reject(new Error('kafka down')))).rejects.toThrow(
      'kafka down',
    );
    expect(spool.pending()).toBe(true);
    const seen: OutgoingMessage[] = [];
    await spool.drain((b) => Promise.resolve(void seen.push(...b)));
    expect(seen).toEqual([msg(1)]);
  });

  it('refuses appends beyond its size bound', async () => {
    const spool = await openSpool({ dir: scratch(), maxBytes: 100 });
    await spool.append(msg(1));
    await spool.append(msg(2));
    await expect(spool.append({ key: 'k', value: 'x'.repeat(100) })).rejects.toBeInstanceOf(
      SpoolFullError,
    );
  });
});
