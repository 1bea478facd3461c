export { BrokerError } from './errors.js';
export { ensureKafkaJars, type EnsureKafkaJarsOptions, type KafkaJars } from './jars.js';
export { assertJava, assertMaven, MIN_JAVA_VERSION } from './preflight.js';
export { parseJavaMajorVersion } from './java-version.js';
export { startBroker, type StartBrokerOptions, type StartedBroker } from './start.js';
export { stopBroker, type StopBrokerOptions, type StopBrokerResult } from './stop.js';
export { brokerStatus, type BrokerStatus, type BrokerStatusOptions } from './status.js';
export { KAFKA_VERSION } from './version.js';
