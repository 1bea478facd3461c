export { backoffMs, sleep } from './backoff.js';
export { ConfigError, parseConfig } from './config.js';
export {
  alertsEnv,
  boolFlag,
  commonEnv,
  consumerEnv,
  csv,
  ingestAuthEnv,
  localStackEnv,
  logLevel,
  poolEnv,
  port,
  portEnv,
  positiveInt,
  topicEnv,
} from './env.js';
export { createLogger } from './logger.js';
export type { Logger } from './logger.js';
export { Counter, createMetricsRegistry, Gauge, Histogram, Registry } from './metrics.js';
export { exitOnFatal, exitWith, onShutdown } from './shutdown.js';
export { readJsonBody } from './http-body.js';
export { repeatEvery } from './repeat.js';
export type { BodyResult } from './http-body.js';
export { createTokenCheck } from './token-check.js';
export { createServiceApp } from './http-app.js';
export type { ServiceAppOptions } from './http-app.js';
export { startService } from './service.js';
export type { Probes, Service } from './service.js';
export { StopWaiting, waitFor, WaitTimeoutError } from './wait-for.js';
