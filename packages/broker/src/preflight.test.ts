import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertJava } from './preflight.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broker-preflight-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in `java` that prints a version banner on stderr, as the real one does. */
async function fakeJava(banner: string): Promise<string> {
  const path = join(dir, `java-${Math.random().toString(36).slice(2)}`);
  await writeFile(path, `#!/bin/sh\necho '${banner}' >&2\n`);
  await chmod(path, 0o755);
  return path;
}

describe('assertJava', () => {
  it('accepts Java 17 and newer', async () => {
    expect(await assertJava({ java: await fakeJava('openjdk version "21.0.2" 2024-01-16') })).toBe(
      21,
    );
  });

  it('says in one line what to install when java is missing', async () => {
    await expect(assertJava({ java: join(dir, 'no-such-java') })).rejects.toThrow(
      'Java 17 or newer is needed to run the local Kafka broker: install it ' +
        '(Debian: apt-get install openjdk-17-jre-headless) or set KAFKA_BROKERS to an existing broker',
    );
  });

  it('names the version it found when it is too old', async () => {
    const java = await fakeJava('openjdk version "11.0.22" 2024-01-16');
    const error = await assertJava({ java }).then(
      () => new Error('accepted Java 11'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/^Java 17 or newer is needed .* \(found Java 11\): install it/);
    expect(error.message).not.toContain('\n');
  });
});
