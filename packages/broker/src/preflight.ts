import { BrokerError } from './errors.js';
import { parseJavaMajorVersion } from './java-version.js';
import { runCommand } from './run-command.js';
import { KAFKA_VERSION } from './version.js';

/** Kafka 4.x brokers refuse to start on anything older. */
export const MIN_JAVA_VERSION = 17;

const FALLBACK = 'or set KAFKA_BROKERS to an existing broker';

/** Resolves with the Java major version, or throws a one-line BrokerError saying what to install. */
export async function assertJava({ java = 'java' }: { java?: string } = {}): Promise<number> {
  const outcome = await runCommand(java, ['-version'], { timeoutMs: 30_000 });
  const major =
    outcome.kind === 'exited' && outcome.code === 0
      ? parseJavaMajorVersion(outcome.output)
      : undefined;
  if (major !== undefined && major >= MIN_JAVA_VERSION) return major;
  const found = major === undefined ? '' : ` (found Java ${major})`;
  throw new BrokerError(
    `Java ${MIN_JAVA_VERSION} or newer is needed to run the local Kafka broker${found}: ` +
      `install it (Debian: apt-get install openjdk-17-jre-headless) ${FALLBACK}`,
  );
}

/** Maven is only needed once, to download the broker's jars into the cache. */
export async function assertMaven({ mvn = 'mvn' }: { mvn?: string } = {}): Promise<void> {
  const outcome = await runCommand(mvn, ['-v'], { timeoutMs: 60_000 });
  if (outcome.kind === 'exited' && outcome.code === 0) return;
  throw new BrokerError(
    `Maven is needed once to download the Kafka ${KAFKA_VERSION} jars: ` +
      `install it (Debian: apt-get install maven) ${FALLBACK}`,
  );
}
