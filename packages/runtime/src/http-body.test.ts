import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readJsonBody } from './http-body.js';

const request = (body: Buffer | string, headers: Record<string, string> = {}): IncomingMessage =>
  Object.assign(Readable.from([Buffer.from(body)]), { headers }) as unknown as IncomingMessage;

describe('readJsonBody', () => {
  it('parses JSON and keeps the bytes (signatures are over bytes)', async () => {
    const result = await readJsonBody(request('{"a":1}'), 100);
    expect(result).toEqual({ ok: true, bytes: Buffer.from('{"a":1}'), json: { a: 1 } });
  });

  it('refuses too large a body, declared or streamed', async () => {
    expect(await readJsonBody(request('{}', { 'content-length': '1000' }), 100)).toMatchObject({
      ok: false,
      status: 413,
    });
    expect(await readJsonBody(request(`{"a":"${'x'.repeat(200)}"}`), 100)).toMatchObject({
      ok: false,
      status: 413,
    });
  });

  it('names what is wrong with a bad body', async () => {
    const cases: [Buffer | string, RegExp][] = [
      [Buffer.from([0x7b, 0xff, 0x7d]), /not valid UTF-8/],
      ['   ', /empty/],
      ['{"a":', /malformed JSON/],
      [`${'['.repeat(100)}${']'.repeat(100)}`, /nests deeper than 64/],
      ['{"a":"\\u0000"}', /NUL/],
    ];
    for (const [body, error] of cases) {
      const result = await readJsonBody(request(body), 10_000);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.status).toBe(400);
      expect(!result.ok && result.error).toMatch(error);
    }
  });
});
