import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { waitFor } from './wait-for.js';

export type ServiceName = 'ingest' | 'analyzer' | 'writer' | 'api' | 'notifier';

export interface RunningService {
  name: ServiceName;
  child: ChildProcess;
  /** Everything the process printed so far (JSON log lines). */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop: (
    signal?: NodeJS.Signals,
  ) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Starts a service from its build output, as a real process, with the test's infra. */
export const startService = (name: ServiceName, env: Record<string, string>): RunningService => {
  const child = spawn(process.execPath, [`${root}services/${name}/dist/main.js`], {
    env: {
      PATH: process.env.PATH ?? '',
      KAFKA_BROKERS: inject('kafkaBrokers'),
      DATABASE_URL: inject('databaseUrl'),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    name,
    child,
    output: () => out,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
};

/** Waits until GET url answers 200, failing early with the service's log if it died. */
export const waitUntilReady = async (service: RunningService, url: string, timeoutMs = 30_000) => {
  let dead = false;
  void service.exited.then(() => (dead = true));
  await waitFor(
    async () => {
      if (dead) throw new Error(`${service.name} exited:\n${service.output()}`);
      const res = await fetch(url).catch(() => null);
      return res?.status === 200;
    },
    { timeoutMs, what: `${service.name} at ${url}` },
  ).catch((error: Error) => {
    throw new Error(
      `${error.message}\n--- ${service.name} output ---\n${service.output().slice(-4000)}`,
    );
  });
};
