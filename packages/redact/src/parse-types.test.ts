import { describe, expect, it } from 'vitest';
import { parseEntityTypes } from './parse-types.js';
import { ENTITY_TYPES } from './types.js';

describe('parseEntityTypes', () => {
  it('reads a comma list, and "all" or nothing as every type', () => {
    expect(parseEntityTypes('card_number, email')).toEqual({
      ok: true,
      value: ['card_number', 'email'],
    });
    expect(parseEntityTypes('all')).toEqual({ ok: true, value: [...ENTITY_TYPES] });
  });
  it('names unknown types', () => {
    expect(parseEntityTypes('card,email')).toMatchObject({ ok: false, error: /card\b/ });
  });
});
