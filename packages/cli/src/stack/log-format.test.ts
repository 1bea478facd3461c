import { describe, expect, it } from 'vitest';
import { formatLogLine } from './log-format.js';

describe('formatLogLine', () => {
  const record = {
    level: 40,
    time: Date.UTC(2026, 10, 28, 12, 0, 1),
    pid: 7,
    service: 'writer',
    msg: 'Postgres unavailable; retrying the batch',
    attempt: 2,
    err: { message: 'connect ECONNREFUSED', stack: 'Error: …\n    at x' },
  };

  it("turns a service's JSON record into one readable line, error message only", () => {
    expect(formatLogLine('writer', JSON.stringify(record), false)).toBe(
      'writer  | 12:00:01 WARN  Postgres unavailable; retrying the batch attempt=2 err="connect ECONNREFUSED"',
    );
  });

  it('shows anything that is not a JSON record as it came', () => {
    expect(formatLogLine('kafka', 'starting Kafka 4.1.1', false)).toBe(
      'kafka   | starting Kafka 4.1.1',
    );
    expect(formatLogLine('api', '{not json', false)).toBe('api     | {not json');
  });

  it('colours the tag and a warning only when asked', () => {
    const colored = formatLogLine('writer', JSON.stringify(record), true);
    expect(colored).toContain('\x1b[33mwriter  |\x1b[0m');
    expect(colored).toContain('\x1b[33mWARN \x1b[0m');
    expect(formatLogLine('writer', JSON.stringify(record), false)).not.toContain('\x1b[');
  });
});
