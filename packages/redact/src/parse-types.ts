import type { ParseResult } from './custom.js';
import { ENTITY_TYPES, type EntityType } from './types.js';

/**
 * Parses a comma-separated type list as an operator writes it (`REDACT_TYPES`,
 * `--types card_number,email`); "all" or an empty string means every type.
 */
export const parseEntityTypes = (list: string): ParseResult<EntityType[]> => {
  const names = list
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  if (names.length === 0 || (names.length === 1 && names[0] === 'all'))
    return { ok: true, value: [...ENTITY_TYPES] };
  const known = ENTITY_TYPES as readonly string[];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length)
    return {
      ok: false,
      error: `unknown redaction type(s) ${unknown.join(', ')}; known: ${ENTITY_TYPES.join(', ')}`,
    };
  return { ok: true, value: [...new Set(names)] as EntityType[] };
};
