import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

// The CLI's defaults. Services read their own configuration; these only say where the
// local stack's pieces are when nothing else is set.

export const databaseUrl = (): string =>
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/callpulse';

export const kafkaPort = (): number => Number(process.env.KAFKA_PORT ?? 9092);

/** Where the Kafka jars are cached (shared by every checkout). */
export const cacheDir = (): string =>
  process.env.CALLPULSE_CACHE_DIR ?? join(homedir(), '.cache', 'callpulse');

/** Where the local broker keeps its data and logs (per checkout). */
export const dataDir = (): string => resolve(process.env.CALLPULSE_DATA_DIR ?? '.callpulse');

export const brokerDataDir = (): string => join(dataDir(), 'kafka');
