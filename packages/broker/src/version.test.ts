import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pomPath } from './package-paths.js';
import { KAFKA_VERSION } from './version.js';

describe('KAFKA_VERSION', () => {
  it('matches the kafka.version that pom.xml downloads', () => {
    const pom = readFileSync(pomPath, 'utf8');
    expect(/<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1]).toBe(KAFKA_VERSION);
  });
});
