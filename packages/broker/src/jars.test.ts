import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureKafkaJars } from './jars.js';
import { pomPath } from './package-paths.js';
import { KAFKA_VERSION } from './version.js';

// A Maven that cannot run: any attempt to use it shows up as the "install Maven" error.
const NO_MAVEN = '/nonexistent/bin/mvn';
const JAR = `kafka_2.13-${KAFKA_VERSION}.jar`;

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'broker-jars-'));
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

async function fillCache({ pomSha256 }: { pomSha256: string }): Promise<string> {
  const versionDir = join(cacheDir, `kafka-${KAFKA_VERSION}`);
  await mkdir(join(versionDir, 'libs'), { recursive: true });
  await writeFile(join(versionDir, 'libs', JAR), '');
  await writeFile(
    join(versionDir, 'complete.json'),
    JSON.stringify({ kafkaVersion: KAFKA_VERSION, pomSha256, jars: [JAR] }),
  );
  return versionDir;
}

const currentPomSha256 = async (): Promise<string> =>
  createHash('sha256')
    .update(await readFile(pomPath))
    .digest('hex');

describe('ensureKafkaJars', () => {
  it('reuses a complete cache without running Maven', async () => {
    const versionDir = await fillCache({ pomSha256: await currentPomSha256() });
    const progress: string[] = [];
    const jars = await ensureKafkaJars({
      cacheDir,
      mvn: NO_MAVEN,
      onProgress: (m) => progress.push(m),
    });
    expect(jars).toEqual({
      version: KAFKA_VERSION,
      libsDir: join(versionDir, 'libs'),
      classpath: join(versionDir, 'libs', '*'),
      downloaded: false,
    });
    expect(progress).toEqual([]);
  });

  it('does not trust a cache made from another pom.xml', async () => {
    await fillCache({ pomSha256: 'an older pom' });
    await expect(ensureKafkaJars({ cacheDir, mvn: NO_MAVEN })).rejects.toThrow(
      /^Maven is needed once/,
    );
  });

  it('does not trust a cache whose jars went missing', async () => {
    const versionDir = await fillCache({ pomSha256: await currentPomSha256() });
    await rm(join(versionDir, 'libs', JAR));
    await expect(ensureKafkaJars({ cacheDir, mvn: NO_MAVEN })).rejects.toThrow(
      /^Maven is needed once/,
    );
  });

  it('says in one line what to install when the cache is empty and Maven is missing', async () => {
    const error = await ensureKafkaJars({ cacheDir, mvn: NO_MAVEN }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'BrokerError' });
    expect((error as Error).message).toBe(
      `Maven is needed once to download the Kafka ${KAFKA_VERSION} jars: ` +
        'install it (Debian: apt-get install maven) or set KAFKA_BROKERS to an existing broker',
    );
  });
});
