import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BrokerError } from './errors.js';
import { lastLines } from './log-tail.js';
import { pomPath } from './package-paths.js';
import { assertMaven } from './preflight.js';
import { runCommand } from './run-command.js';
import { KAFKA_VERSION } from './version.js';

export interface KafkaJars {
  version: string;
  libsDir: string;
  /** A `java -cp` value covering every jar. */
  classpath: string;
  /** True when Maven ran during this call; false when the cache was reused. */
  downloaded: boolean;
}

export interface EnsureKafkaJarsOptions {
  /** The caller's cache root (the CLI uses ~/.cache/callpulse); jars go to kafka-<version>/libs. */
  cacheDir: string;
  mvn?: string;
  onProgress?: (message: string) => void;
}

/** Written after a complete copy; a cache without it, or made from another pom.xml, is redone. */
interface CacheMarker {
  kafkaVersion: string;
  pomSha256: string;
  jars: string[];
}

const MARKER = 'complete.json';

/**
 * Makes sure the broker's jars are in the cache, running Maven only when they are not. The
 * copy goes to a fresh temporary folder that is renamed into place before the marker is
 * written, so an interrupted first run never leaves a half-filled libs folder that looks done.
 */
export async function ensureKafkaJars({
  cacheDir,
  mvn = 'mvn',
  onProgress = () => {},
}: EnsureKafkaJarsOptions): Promise<KafkaJars> {
  const versionDir = join(cacheDir, `kafka-${KAFKA_VERSION}`);
  const libsDir = join(versionDir, 'libs');
  const jars = (downloaded: boolean): KafkaJars => ({
    version: KAFKA_VERSION,
    libsDir,
    classpath: join(libsDir, '*'),
    downloaded,
  });

  const pomSha256 = createHash('sha256')
    .update(await readFile(pomPath))
    .digest('hex');
  if (await isComplete(versionDir, pomSha256)) return jars(false);

  await assertMaven({ mvn });
  onProgress(`resolving Kafka ${KAFKA_VERSION} with Maven (first run only)…`);
  await mkdir(versionDir, { recursive: true });
  const staging = await mkdtemp(join(versionDir, 'libs-partial-'));
  try {
    const copied = await copyDependencies(mvn, staging);
    await rm(join(versionDir, MARKER), { force: true });
    await rm(libsDir, { recursive: true, force: true });
    await rename(staging, libsDir);
    const marker: CacheMarker = { kafkaVersion: KAFKA_VERSION, pomSha256, jars: copied };
    const markerTemp = join(versionDir, `${MARKER}.${process.pid}`);
    await writeFile(markerTemp, `${JSON.stringify(marker, null, 2)}\n`);
    await rename(markerTemp, join(versionDir, MARKER));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another process may have finished the same download while this one was running.
    if (await isComplete(versionDir, pomSha256)) return jars(true);
    throw error;
  }
  return jars(true);
}

async function isComplete(versionDir: string, pomSha256: string): Promise<boolean> {
  let marker: CacheMarker;
  try {
    marker = JSON.parse(await readFile(join(versionDir, MARKER), 'utf8')) as CacheMarker;
  } catch {
    return false;
  }
  if (marker.kafkaVersion !== KAFKA_VERSION || marker.pomSha256 !== pomSha256) return false;
  if (!Array.isArray(marker.jars)) return false;
  const present = new Set(await readdir(join(versionDir, 'libs')).catch(() => []));
  return marker.jars.length > 0 && marker.jars.every((jar) => present.has(jar));
}

async function copyDependencies(mvn: string, outputDir: string): Promise<string[]> {
  const outcome = await runCommand(
    mvn,
    [
      '-q',
      '-B',
      '-Dstyle.color=never',
      '-f',
      pomPath,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${outputDir}`,
    ],
    { timeoutMs: 15 * 60_000 }, // a first download over a slow link
  );
  if (outcome.kind !== 'exited' || outcome.code !== 0) {
    const output = outcome.kind === 'not-found' ? '' : outcome.output;
    const detail = lastLines(output, 15);
    throw new BrokerError(
      `Maven could not download the Kafka ${KAFKA_VERSION} jars (is Maven Central reachable?)` +
        (detail === '' ? '' : `; Maven said:\n${detail}`),
      { retriable: true },
    );
  }
  const copied = (await readdir(outputDir)).filter((name) => name.endsWith('.jar')).sort();
  if (!copied.includes(`kafka_2.13-${KAFKA_VERSION}.jar`)) {
    throw new BrokerError(
      `Maven finished but kafka_2.13-${KAFKA_VERSION}.jar is missing from its output: check ${pomPath}`,
    );
  }
  return copied;
}
