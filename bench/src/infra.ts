import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker, stopBroker } from '@callpulse/broker';
import { dropDatabase, ensureDatabase, migrate, withDatabase } from '@callpulse/db';

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

export interface Infra {
  brokers: string;
  databaseUrl: string;
  close: () => Promise<void>;
}

/** KAFKA_BROKERS / DATABASE_URL when set, else a local broker; always a scratch database. */
export const startInfra = async (log: (line: string) => void): Promise<Infra> => {
  const closers: (() => Promise<unknown>)[] = [];
  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    const dataDir = mkdtempSync(join(tmpdir(), 'callpulse-bench-broker-'));
    const broker = await startBroker({
      port: await freePort(),
      controllerPort: await freePort(),
      dataDir,
      cacheDir: process.env.CALLPULSE_CACHE_DIR ?? join(homedir(), '.cache', 'callpulse'),
      onProgress: (l: string) => log(`kafka: ${l}`),
    });
    brokers = broker.brokers;
    closers.push(async () => {
      await stopBroker({ dataDir });
      rmSync(dataDir, { recursive: true, force: true });
    });
  }
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseUrl = withDatabase(server, `callpulse_bench_${Date.now().toString(36)}`);
  await ensureDatabase(databaseUrl);
  await migrate({ connectionString: databaseUrl });
  closers.push(() => dropDatabase(databaseUrl));
  return {
    brokers,
    databaseUrl,
    close: async () => {
      for (const c of closers.reverse()) await c();
    },
  };
};
