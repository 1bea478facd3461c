import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { parseDurationMs, parseWhen } from './when.js';

describe('parseWhen', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  it('reads durations as that long before now', () => {
    expect(parseWhen('since', '90d', now).toISOString()).toBe('2025-12-01T12:00:00.000Z');
    expect(parseWhen('since', '2h', now).toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(parseDurationMs('30m')).toBe(1_800_000);
  });
  it('reads ISO times as given', () => {
    expect(parseWhen('until', '2026-02-01T00:00:00Z', now).toISOString()).toBe(
      '2026-02-01T00:00:00.000Z',
    );
  });
  it('refuses anything else, naming the flag', () => {
    expect(() => parseWhen('since', '90 days', now)).toThrow(CliError);
    expect(() => parseWhen('since', '90 days', now)).toThrow(/--since/);
    expect(parseDurationMs('-3d')).toBeNull();
  });
});
