/**
 * The Kafka release the broker runs. pom.xml (`kafka.version`) decides which jars Maven
 * downloads; this constant names the cache folder and the progress messages, and
 * version.test.ts fails if the two ever disagree.
 */
export const KAFKA_VERSION = '4.1.1';
