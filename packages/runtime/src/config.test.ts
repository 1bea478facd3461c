import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, parseConfig } from './config.js';
import { boolFlag, commonEnv, csv, port, positiveInt } from './env.js';
import { backoffMs } from './backoff.js';

const schema = z.object({
  ...commonEnv,
  HTTP_PORT: port(8080),
  WORKERS: positiveInt(2),
  DEBUG: boolFlag(false),
  TOKENS: csv(),
});

describe('parseConfig with the shared env helpers', () => {
  it('applies the defaults', () => {
    expect(parseConfig(schema, {})).toMatchObject({
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_TOPIC_PREFIX: 'callpulse.',
      LOG_LEVEL: 'info',
      HTTP_PORT: 8080,
      WORKERS: 2,
      DEBUG: false,
      TOKENS: [],
    });
  });

  it('reads strings as the types they stand for', () => {
    expect(
      parseConfig(schema, {
        KAFKA_BROKERS: ' a:1, b:2 ,',
        HTTP_PORT: '0',
        WORKERS: '8',
        DEBUG: 'yes',
        TOKENS: 'new, old',
      }),
    ).toMatchObject({
      KAFKA_BROKERS: ['a:1', 'b:2'],
      HTTP_PORT: 0,
      WORKERS: 8,
      DEBUG: true,
      TOKENS: ['new', 'old'],
    });
  });

  it('lists every bad variable at once, each by name', () => {
    const run = () =>
      parseConfig(schema, {
        KAFKA_BROKERS: ' , ',
        KAFKA_TOPIC_PREFIX: 'bad prefix!',
        HTTP_PORT: '70000',
        WORKERS: '0',
        DEBUG: 'maybe',
        LOG_LEVEL: 'loud',
      });
    expect(run).toThrow(ConfigError);
    const message = (() => {
      try {
        run();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const name of [
      'KAFKA_BROKERS',
      'KAFKA_TOPIC_PREFIX',
      'HTTP_PORT',
      'WORKERS',
      'DEBUG',
      'LOG_LEVEL',
    ]) {
      expect(message).toMatch(new RegExp(`^  ${name}: `, 'm'));
    }
  });
});

describe('backoffMs', () => {
  it('grows exponentially with full jitter, capped', () => {
    expect(backoffMs(0, { baseMs: 100, maxMs: 1_000 })).toBeLessThanOrEqual(100);
    for (let attempt = 0; attempt < 60; attempt++) {
      const delay = backoffMs(attempt, { baseMs: 100, maxMs: 1_000 });
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(Math.min(1_000, 100 * 2 ** attempt));
    }
  });
});
