import { fieldErrorLines } from '@callpulse/contracts';
import type { z } from 'zod';
import { keywordListSchema, keywordListsSchema, type KeywordList } from './schema.js';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const formatIssues = (issues: readonly z.core.$ZodIssue[]): string[] =>
  fieldErrorLines(issues, '(list)');

/** Validates one list, naming every problem; defaults applied to the value. */
export const parseKeywordList = (input: unknown): ParseResult<KeywordList> => {
  const parsed = keywordListSchema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: formatIssues(parsed.error.issues) };
};

/** Validates an array of lists with unique names. */
export const parseKeywordLists = (input: unknown): ParseResult<KeywordList[]> => {
  const parsed = keywordListsSchema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: formatIssues(parsed.error.issues) };
};
