import { describe, expect, it } from 'vitest';
import { parseRulesJson } from './rules.js';

describe('parseRulesJson', () => {
  const rule = { name: 'missed', severity: 'low', when: { event: 'missed' } };

  it('takes what `rules get` printed, byte-order mark included', () => {
    const shown = { ...rule, version: 3, updatedAt: '2026-11-29T10:00:00.000Z' };
    const [parsed] = parseRulesJson(`\uFEFF${JSON.stringify(shown)}`, 'r.json', []);
    expect(parsed).toMatchObject({ name: 'missed', when: { event: 'missed' } });
  });

  it('refuses a file nested too deep to validate, naming it', () => {
    let when: unknown = { event: 'missed' };
    for (let i = 0; i < 1_000; i++) when = { not: when };
    expect(() => parseRulesJson(JSON.stringify({ ...rule, when }), 'deep.json', [])).toThrow(
      'deep.json: JSON nests deeper than 64 levels',
    );
  });
});
