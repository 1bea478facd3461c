import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  alertsEnv,
  commonEnv,
  ingestAuthEnv,
  localStackEnv,
  parseConfig,
  portEnv,
  topicEnv,
} from '@callpulse/runtime';
import { z } from 'zod';

// The CLI reads the same variables as the services, from the same definitions, so a
// default or a check never differs between `callpulse stack` and what it runs.
const cliEnv = z.object({
  ...commonEnv,
  ...topicEnv,
  ...portEnv,
  ...ingestAuthEnv,
  ...localStackEnv,
  ...alertsEnv,
});

export type CliEnv = z.infer<typeof cliEnv>;

/** Parsed once per command; a bad value stops the command with every problem named. */
export const settings = (env: Record<string, string | undefined> = process.env): CliEnv =>
  parseConfig(cliEnv, env);

export const databaseUrl = (): string => settings().DATABASE_URL;

export const kafkaPort = (): number => settings().KAFKA_PORT;

/** Where the Kafka jars are cached (shared by every checkout). */
export const cacheDir = (): string =>
  settings().CALLPULSE_CACHE_DIR || join(homedir(), '.cache', 'callpulse');

/** Where the local broker keeps its data and logs (per checkout). */
export const dataDir = (): string => resolve(settings().CALLPULSE_DATA_DIR);

export const brokerDataDir = (): string => join(dataDir(), 'kafka');
