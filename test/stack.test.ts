import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPool, dropDatabase, withDatabase } from '@callpulse/db';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { uniquePrefix } from './support/kafka.js';
import { freePort } from './support/ports.js';
import { waitFor } from './support/wait-for.js';

const root = fileURLToPath(new URL('../', import.meta.url));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  const databaseUrl = withDatabase(
    inject('databaseUrl'),
    `callpulse_stack_${randomBytes(4).toString('hex')}`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'callpulse-stack-'));
  afterAll(async () => {
    await dropDatabase(databaseUrl);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the pipeline, answers a generated call in call_sentiment, and stops everything on SIGINT', async () => {
    const ports = {
      INGEST_PORT: await freePort(),
      API_PORT: await freePort(),
      ANALYZER_HTTP_PORT: await freePort(),
      WRITER_HTTP_PORT: await freePort(),
      NOTIFIER_HTTP_PORT: await freePort(),
    };
    const env = {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      KAFKA_BROKERS: inject('kafkaBrokers'),
      KAFKA_TOPIC_PREFIX: uniquePrefix(),
      DATABASE_URL: databaseUrl,
      CALLPULSE_DATA_DIR: dataDir,
      KEYWORD_LISTS_FILE: join(root, 'config/keyword-lists.example.json'),
      INGEST_AUTH_HEADER: 'x-api-key',
      INGEST_AUTH_TOKENS: 'stack-token',
      NO_COLOR: '1',
    };
    const stack = spawn('npm', ['start'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    stack.stdout.on('data', (d: Buffer) => (out += d.toString()));
    stack.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      stack.on('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      await waitFor(() => / ready in /.test(out), {
        timeoutMs: 90_000,
        what: `"ready" from npm start:\n${out}`,
      });
      const pids = [...out.matchAll(/started (\w+) \(pid (\d+)\)/g)].map((m) => Number(m[2]));
      expect(pids).toHaveLength(5);
      await waitFor(() => out.includes(`live view: http://127.0.0.1:${ports.API_PORT}/`), {
        what: `the live view's URL from npm start:\n${out}`,
      });

      // A second stack in the same place refuses to start.
      const second = spawn(process.execPath, ['packages/cli/bin/callpulse.js', 'stack'], {
        cwd: root,
        env,
      });
      let secondOut = '';
      second.stderr.on('data', (d: Buffer) => (secondOut += d.toString()));
      expect(await new Promise((r) => second.on('exit', r))).toBe(1);
      expect(secondOut).toMatch(/already running/);

      const source = `stack:${randomBytes(3).toString('hex')}`;
      const send = spawn(
        process.execPath,
        [
          'packages/cli/bin/callpulse.js',
          'send',
          '--calls',
          '2',
          '--source',
          source,
          '--url',
          `http://127.0.0.1:${ports.INGEST_PORT}/webhooks`,
        ],
        { cwd: root, env },
      );
      let sendOut = '';
      send.stdout.on('data', (d: Buffer) => (sendOut += d.toString()));
      send.stderr.on('data', (d: Buffer) => (sendOut += d.toString()));
      expect(await new Promise((r) => send.on('exit', r)), sendOut).toBe(0);
      expect(sendOut).toMatch(/HTTP 200: \d+/);

      const pool = createPool({ connectionString: databaseUrl, max: 1 });
      try {
        // The call's summary (analysis topic) and its call_ended (events topic) are stored
        // by separate batches, in either order: wait for both.
        const rows = await waitFor(
          async () => {
            const { rows } = await pool.query(
              `SELECT * FROM call_sentiment WHERE source = $1 AND final_sentiment IS NOT NULL
                 AND status = 'ended'`,
              [source],
            );
            return rows.length === 2 ? rows : null;
          },
          { timeoutMs: 30_000, what: 'two generated calls ended in call_sentiment' },
        );
        for (const row of rows)
          expect(row).toMatchObject({ status: 'ended', label: expect.any(String) as unknown });
      } finally {
        await pool.end();
      }

      process.kill(-stack.pid!, 'SIGINT');
      // npm itself reports the Ctrl-C as its own death by SIGINT; the stack under it exits 0.
      const { code, signal } = await exited;
      expect(code === 0 || signal === 'SIGINT', `npm exited with ${code} / ${signal}`).toBe(true);
      expect(out).toMatch(/stack {3}\| stopped/);
      expect(out).not.toMatch(/second signal|did not stop in time/);
      for (const pid of pids) expect(alive(pid), `pid ${pid} still running`).toBe(false);
    } finally {
      if (stack.exitCode === null) {
        try {
          process.kill(-stack.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }, 150_000);
});
