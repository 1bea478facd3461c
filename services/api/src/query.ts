import { closestName } from '@callpulse/analysis';
import { fieldErrors, type FieldError } from '@callpulse/contracts';
import type { Context } from 'koa';
import { z } from 'zod';

export const ISO_INSTANT_EXPECTED =
  'expected an ISO 8601 date or time, like 2026-11-28 or 2026-11-28T14:00:00Z';

// A date, or a date and time to the minute, second or fraction with Z or an offset.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?))?$/;

const daysIn = (year: number, month: number): number =>
  month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/**
 * The instant an ISO 8601 date (midnight UTC) or date-time with Z or an offset names, or
 * null: other forms ("7d", "5", "yesterday") and impossible fields (2026-02-30, 25:00)
 * are refused, never shifted into a nearby day as `new Date` would.
 */
export const parseIsoInstant = (text: string): Date | null => {
  const m = ISO_INSTANT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((f) => Number(f ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const zone = m[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const hours = Number(zone.slice(1, 3));
    const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0;
    if (hours > 23 || minutes > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(
    hour,
    minute - offsetMinutes,
    second,
    Number((m[7] ?? '').padEnd(3, '0').slice(0, 3)),
  );
  return date;
};

/** Why a text is not an instant, for the cases where the general message is not enough. */
const instantProblem = (text: string): string => {
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+ \d{2}(:?\d{2})?$/.test(text))
    return `${ISO_INSTANT_EXPECTED} (a "+" in a URL must be written %2B)`;
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text) && parseIsoInstant(`${text}Z`))
    return `${ISO_INSTANT_EXPECTED} (a time needs Z or an offset such as +01:00)`;
  return ISO_INSTANT_EXPECTED;
};

/** A query parameter holding an instant (see parseIsoInstant). */
export const isoInstant = z.string().transform((text, ctx) => {
  const date = parseIsoInstant(text);
  if (date) return date;
  ctx.issues.push({ code: 'custom', message: instantProblem(text), input: text });
  return z.NEVER;
});

/**
 * The query of `ctx` parsed by `schema` (an object of single-valued parameters), or null
 * after answering 400 `{ error: 'invalid query', fields }` naming every problem: values
 * the schema refuses, parameters it does not know (the accepted ones listed: a misspelt
 * filter must not widen a query to everything), parameters given more than once, and a
 * `since` later than `until`.
 */
export const parseQuery = <S extends z.ZodObject>(ctx: Context, schema: S): z.output<S> | null => {
  const accepted = Object.keys(schema.shape);
  const errors: FieldError[] = [];
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.query)) {
    if (!accepted.includes(name)) {
      const meant = closestName(name, accepted);
      errors.push({
        field: name,
        message: `unknown parameter${meant ? ` (did you mean ${meant}?)` : ''}; accepted: ${accepted.join(', ')}`,
      });
    } else if (Array.isArray(value)) {
      errors.push({
        field: name,
        message: `given ${value.length} times (${value.join(', ')}); one value is allowed`,
      });
    } else if (value !== undefined) values[name] = value;
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) {
    const { since, until } = parsed.data as { since?: unknown; until?: unknown };
    if (since instanceof Date && until instanceof Date && since > until)
      errors.push({
        field: 'since',
        message: `since (${since.toISOString()}) is later than until (${until.toISOString()})`,
      });
  } else {
    const named = new Set(errors.map((e) => e.field));
    errors.push(...fieldErrors(parsed.error.issues, '(query)').filter((e) => !named.has(e.field)));
  }
  if (parsed.success && errors.length === 0) return parsed.data;
  ctx.status = 400;
  ctx.body = { error: 'invalid query', fields: errors };
  return null;
};
