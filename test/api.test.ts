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

  it('takes only ISO 8601 instants, a forward range and known, single parameters', async () => {
    type Refusal = { error: string; fields: { field: string; message: string }[] };
    const refusal = async (method: string, path: string): Promise<Refusal> => {
      const res = await apiRequest(stack, method, path);
      expect(res.status, `${method} ${path}`).toBe(400);
      return (await res.json()) as Refusal;
    };
    const expected = 'expected an ISO 8601 date or time, like 2026-11-28 or 2026-11-28T14:00:00Z';
    const routes = [
      ['GET', '/calls'],
      ['GET', '/calls/over-time'],
      ['POST', '/rules/no-such-rule/replay'],
    ] as const;
    for (const [method, path] of routes) {
      // Not Date's "expected date, received Date", and never shifted to another day.
      for (const since of ['7d', 'yesterday', '', '2026-02-30', '5'])
        expect(await refusal(method, `${path}?since=${since}`)).toEqual({
          error: 'invalid query',
          fields: [{ field: 'since', message: expected }],
        });
      expect(await refusal(method, `${path}?since=2026-11-29&until=2026-11-28T23:59:59Z`)).toEqual({
        error: 'invalid query',
        fields: [
          {
            field: 'since',
            message:
              'since (2026-11-29T00:00:00.000Z) is later than until (2026-11-28T23:59:59.000Z)',
          },
        ],
      });
    }
    const misspelt = await refusal('GET', '/calls?lable=negative');
    expect(misspelt.fields).toEqual([
      {
        field: 'lable',
        message:
          'unknown parameter (did you mean label?); accepted: since, until, status, label, list, rule, source, is_test, limit, offset',
      },
    ]);
    expect((await refusal('GET', '/calls/over-time?bucket=day&limit=5')).fields[0]?.message).toBe(
      'unknown parameter; accepted: since, until, status, label, list, rule, source, is_test, bucket',
    );
    // A misspelt window must not replay over every call, let alone store the verdicts.
    expect(await refusal('POST', '/rules/no-such-rule/replay?sinse=2026-11-01&apply=true')).toEqual(
      {
        error: 'invalid query',
        fields: [
          {
            field: 'sinse',
            message: 'unknown parameter (did you mean since?); accepted: since, until, apply',
          },
        ],
      },
    );
    expect(await refusal('GET', '/calls?status=ended&status=answered')).toEqual({
      error: 'invalid query',
      fields: [
        { field: 'status', message: 'given 2 times (ended, answered); one value is allowed' },
      ],
    });
    // What the history page sends is still taken.
    const week = 'since=2026-11-21T00:00:00.000Z&until=2026-11-28T00:00:00.000Z&label=negative';
    expect((await apiRequest(stack, 'GET', `/calls?${week}&limit=50&offset=0`)).status).toBe(200);
    expect((await apiRequest(stack, 'GET', `/calls/over-time?${week}&bucket=day`)).status).toBe(
      200,
    );
    expect((await apiRequest(stack, 'GET', `/calls.csv?${week}`)).status).toBe(200);
    const replay = await apiRequest(
      stack,
      'POST',
      '/rules/no-such-rule/replay?since=2026-11-28&until=2026-11-28T14:00:00%2B01:00',
    );
    expect(replay.status).toBe(404);
  });

  it('refuses unknown keyword list fields and takes back a list as GET gives it', async () => {
    const res = await apiRequest(stack, 'PUT', '/keyword-lists/misspelt', {
      terms: [
        { term: 'overcharged', match: 'fuzzy', maxdistance: 2 },
        { term: 'switch provider', match: 'phrase', Slop: 3 },
      ],
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid keyword list',
      fields: [
        { field: 'terms.0.maxdistance', message: 'unknown field (did you mean "maxDistance"?)' },
        { field: 'terms.1.Slop', message: 'unknown field (did you mean "slop"?)' },
      ],
    });
    expect((await apiRequest(stack, 'GET', '/keyword-lists/misspelt')).status).toBe(404);
    const created = await apiRequest(stack, 'PUT', '/keyword-lists/echoed', {
      terms: [{ term: 'overcharged', match: 'fuzzy', maxDistance: 2 }],
    });
    expect(created.status).toBe(201);
    const stored = (await created.json()) as Record<string, unknown>;
    expect(stored).toHaveProperty('version');
    expect(stored).toHaveProperty('updatedAt');
    // The store's own fields, echoed back, are not unknown fields.
    const again = await apiRequest(stack, 'PUT', '/keyword-lists/echoed', stored);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { terms: unknown }).terms).toEqual(stored.terms);
    expect((await apiRequest(stack, 'DELETE', '/keyword-lists/echoed')).status).toBe(204);
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
