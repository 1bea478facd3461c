import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, startStack, type TestStack } from './support/stack.js';

const countCalls = async (stack: TestStack): Promise<number> =>
  Number(
    (await stack.pool.query<{ n: string }>('SELECT count(*) AS n FROM calls')).rows[0]?.n ?? -1,
  );

describe('api: auth, validation and abuse', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack(['api']);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses requests without the bearer token, except health checks', async () => {
    for (const path of ['/calls', '/keyword-lists', '/keyword-lists/churn', '/metrics']) {
      const res = await fetch(`${stack.urls.api}${path}`);
      expect(res.status, path).toBe(401);
    }
    const wrong = await fetch(`${stack.urls.api}/calls`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${stack.urls.api}/healthz`)).status).toBe(200);
    expect((await fetch(`${stack.urls.api}/readyz`)).status).toBe(200);
  });

  it('treats hostile filter values as data, never as SQL', async () => {
    const callsBefore = await countCalls(stack);
    const hostile = encodeURIComponent("x' OR 1=1; DROP TABLE calls; --");
    const res = await apiRequest(stack, 'GET', `/calls?list=${hostile}&is_test=any`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { calls: unknown[] }).calls).toEqual([]);
    const bad = await apiRequest(stack, 'GET', '/calls?since=yesterday&limit=100000');
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { fields: { field: string }[] }).fields.map((f) => f.field).sort(),
    ).toEqual(['limit', 'since']);
    const name = await apiRequest(
      stack,
      'PUT',
      `/keyword-lists/${encodeURIComponent("x'; DROP TABLE calls; --")}`,
      {
        terms: [{ term: 'cancel', match: 'stem' }],
      },
    );
    expect(name.status).toBe(400);
    // The table is still there, with the rows it had.
    expect(await countCalls(stack)).toBe(callsBefore);
  });

  it('refuses a list of 10k terms and stores pathological but valid terms as data', async () => {
    const terms = Array.from({ length: 10_000 }, (_, i) => ({ term: `term${i}`, match: 'exact' }));
    const huge = await apiRequest(stack, 'PUT', '/keyword-lists/huge', { terms });
    expect(huge.status).toBe(400);
    expect(JSON.stringify(await huge.json())).toContain('terms');
    const nasty = await apiRequest(stack, 'PUT', '/keyword-lists/nasty', {
      terms: [
        { term: `${'a'.repeat(199)}`, match: 'fuzzy', maxDistance: 3 },
        { term: Array.from({ length: 40 }, () => 'very').join(' '), match: 'phrase', slop: 5 },
        { term: '(a+)+$', match: 'exact' },
      ],
    });
    // Long, repetitive and regex-looking terms are valid terms: matched as words, never run as patterns.
    expect(nasty.status).toBe(201);
    const stored = (await (await apiRequest(stack, 'GET', '/keyword-lists/nasty')).json()) as {
      terms: { term: string }[];
    };
    expect(stored.terms.map((t) => t.term)).toContain('(a+)+$');
    const missing = await apiRequest(stack, 'GET', '/keyword-lists/does-not-exist');
    expect(missing.status).toBe(404);
    const notJson = await fetch(`${stack.urls.api}/keyword-lists/x`, {
      method: 'PUT',
      headers: { authorization: 'Bearer stack-api-token', 'content-type': 'application/json' },
      body: '{"terms": [',
    });
    expect(notJson.status).toBe(400);
  });

  it('bumps a list version on each change and deletes it', async () => {
    const list = {
      description: 'v',
      speakers: ['any'],
      terms: [{ term: 'refund', match: 'stem' }],
    };
    const first = (await (
      await apiRequest(stack, 'PUT', '/keyword-lists/versioned', list)
    ).json()) as { version: number };
    const second = (await (
      await apiRequest(stack, 'PUT', '/keyword-lists/versioned', { ...list, enabled: false })
    ).json()) as { version: number; enabled: boolean };
    expect(second.version).toBe(first.version + 1);
    expect(second.enabled).toBe(false);
    expect((await apiRequest(stack, 'DELETE', '/keyword-lists/versioned')).status).toBe(204);
    expect((await apiRequest(stack, 'DELETE', '/keyword-lists/versioned')).status).toBe(404);
  });
});
