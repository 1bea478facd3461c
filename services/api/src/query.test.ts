import type { Context } from 'koa';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callFiltersSchema } from './call-routes.js';
import { ISO_INSTANT_EXPECTED, isoInstant, parseIsoInstant, parseQuery } from './query.js';

const iso = (text: string) => parseIsoInstant(text)?.toISOString() ?? null;

/** What parseQuery answers for a query string: the value, or the 400 and its body. */
const answer = (schema: z.ZodObject, query: string) => {
  // As Koa gives it: one string per parameter, an array for a repeated one.
  const params = new URLSearchParams(query);
  const q: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const all = params.getAll(name);
    q[name] = all.length === 1 ? (all[0] as string) : all;
  }
  const ctx = { query: q, status: 404, body: undefined as unknown };
  const value = parseQuery(ctx as unknown as Context, schema);
  return value ? { value } : { status: ctx.status, body: ctx.body };
};

const replaySchema = z.object({
  since: isoInstant.optional(),
  until: isoInstant.optional(),
  apply: z.enum(['true', 'false']).default('false'),
});

describe('parseIsoInstant', () => {
  it('reads ISO 8601 dates (midnight UTC) and date-times with Z or an offset', () => {
    expect(iso('2026-11-28')).toBe('2026-11-28T00:00:00.000Z');
    expect(iso('2026-11-28T14:00Z')).toBe('2026-11-28T14:00:00.000Z');
    expect(iso('2026-11-28T14:00:00Z')).toBe('2026-11-28T14:00:00.000Z');
    expect(iso('2026-11-28T14:00:00.123456Z')).toBe('2026-11-28T14:00:00.123Z');
    expect(iso('2026-11-28T14:00:00+01:00')).toBe('2026-11-28T13:00:00.000Z');
    expect(iso('2026-11-28T00:30:00-0230')).toBe('2026-11-28T03:00:00.000Z');
    expect(iso('2026-11-28T23:00:00-02')).toBe('2026-11-29T01:00:00.000Z');
    expect(iso('2028-02-29')).toBe('2028-02-29T00:00:00.000Z');
    expect(iso(new Date(1_700_000_000_123).toISOString())).toBe('2023-11-14T22:13:20.123Z');
  });

  it('refuses other forms and impossible fields instead of shifting them', () => {
    for (const text of [
      '',
      '7d',
      'yesterday',
      '5',
      '1700000000',
      '2026-02-30',
      '2026-02-29',
      '2100-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-00-10',
      '2026-11-28T24:00:00Z',
      '2026-11-28T14:60:00Z',
      '2026-11-28T14:00:60Z',
      '2026-11-28T14:00:00+24:00',
      '2026-11-28T14:00:00',
      '2026-11-28 14:00:00Z',
      '28/11/2026',
      'Sat Nov 28 2026',
      ' 2026-11-28',
    ])
      expect(parseIsoInstant(text), text).toBeNull();
  });
});

describe('parseQuery', () => {
  it('names the parameter and the expected form for a text that is not an ISO instant', () => {
    for (const since of ['7d', 'yesterday', '', '5', '2026-02-30']) {
      expect(answer(callFiltersSchema, `since=${encodeURIComponent(since)}`), since).toEqual({
        status: 400,
        body: {
          error: 'invalid query',
          fields: [{ field: 'since', message: ISO_INSTANT_EXPECTED }],
        },
      });
    }
    expect(answer(callFiltersSchema, 'until=2026-11-28T14:00:00').body).toEqual({
      error: 'invalid query',
      fields: [
        {
          field: 'until',
          message: `${ISO_INSTANT_EXPECTED} (a time needs Z or an offset such as +01:00)`,
        },
      ],
    });
    // An unencoded "+" arrives as a space.
    expect(answer(callFiltersSchema, 'since=2026-11-28T14:00:00+01:00').body).toEqual({
      error: 'invalid query',
      fields: [
        { field: 'since', message: `${ISO_INSTANT_EXPECTED} (a "+" in a URL must be written %2B)` },
      ],
    });
  });

  it('gives the filters as instants', () => {
    expect(
      answer(
        callFiltersSchema,
        'since=2026-11-28&until=2026-11-28T14:00:00%2B01:00&label=negative',
      ),
    ).toEqual({
      value: {
        since: new Date('2026-11-28T00:00:00Z'),
        until: new Date('2026-11-28T13:00:00Z'),
        label: 'negative',
        is_test: 'false',
      },
    });
  });

  it('refuses since later than until, naming both', () => {
    expect(answer(replaySchema, 'since=2026-11-29&until=2026-11-28')).toEqual({
      status: 400,
      body: {
        error: 'invalid query',
        fields: [
          {
            field: 'since',
            message:
              'since (2026-11-29T00:00:00.000Z) is later than until (2026-11-28T00:00:00.000Z)',
          },
        ],
      },
    });
    expect(answer(replaySchema, 'since=2026-11-28&until=2026-11-28')).toMatchObject({
      value: { since: new Date('2026-11-28T00:00:00Z') },
    });
  });

  it('refuses unknown parameters, naming them and the accepted ones', () => {
    expect(answer(callFiltersSchema, 'lable=negative')).toEqual({
      status: 400,
      body: {
        error: 'invalid query',
        fields: [
          {
            field: 'lable',
            message:
              'unknown parameter (did you mean label?); accepted: since, until, status, label, list, rule, source, is_test',
          },
        ],
      },
    });
    expect(answer(replaySchema, 'sinse=2026-11-01&apply=true&colour=red')).toEqual({
      status: 400,
      body: {
        error: 'invalid query',
        fields: [
          {
            field: 'sinse',
            message: 'unknown parameter (did you mean since?); accepted: since, until, apply',
          },
          { field: 'colour', message: 'unknown parameter; accepted: since, until, apply' },
        ],
      },
    });
  });

  it('says one value is allowed when a parameter is repeated, with every other problem', () => {
    expect(answer(callFiltersSchema, 'status=ended&status=answered&since=7d')).toEqual({
      status: 400,
      body: {
        error: 'invalid query',
        fields: [
          { field: 'status', message: 'given 2 times (ended, answered); one value is allowed' },
          { field: 'since', message: ISO_INSTANT_EXPECTED },
        ],
      },
    });
  });
});
