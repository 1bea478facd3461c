import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createServiceApp, type ServiceAppOptions } from './http-app.js';
import { createLogger } from './logger.js';
import { createMetricsRegistry } from './metrics.js';

const serve = async (options: Partial<ServiceAppOptions> = {}) => {
  const errors: unknown[] = [];
  const logger = createLogger({ service: 'test', level: 'silent' });
  logger.error = (obj: unknown) => void errors.push(obj);
  const app = createServiceApp({
    logger,
    registry: createMetricsRegistry('test'),
    isReady: () => true,
    ...options,
  });
  const handle = app.callback();
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    errors,
    get: async (path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${base}${path}`, { headers });
      return { status: res.status, body: await res.text() };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe('createServiceApp', () => {
  it('answers /healthz, /readyz (with the dependency named) and /metrics', async () => {
    let ready = false;
    const s = await serve({ isReady: () => ready, dependency: 'kafka' });
    try {
      expect(await s.get('/healthz')).toEqual({ status: 200, body: '{"status":"ok"}' });
      expect(await s.get('/readyz')).toEqual({
        status: 503,
        body: '{"status":"not ready","kafka":"unreachable"}',
      });
      ready = true;
      expect(await s.get('/readyz')).toEqual({
        status: 200,
        body: '{"status":"ready","kafka":"connected"}',
      });
      const metrics = await s.get('/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.body).toContain('process_cpu_user_seconds_total');
    } finally {
      await s.close();
    }
  });

  it('answers not ready when the readiness check throws', async () => {
    const s = await serve({ isReady: () => Promise.reject(new Error('db down')) });
    try {
      expect((await s.get('/readyz')).status).toBe(503);
    } finally {
      await s.close();
    }
  });

  it('turns an unexpected throw into a 500 without details, logged with its cause', async () => {
    const s = await serve({
      mount: (router) =>
        router.get('/boom', () => {
          throw new Error('secret detail');
        }),
    });
    try {
      expect(await s.get('/boom')).toEqual({ status: 500, body: '{"error":"internal error"}' });
      expect(s.errors).toHaveLength(1);
      expect(await s.get('/nowhere')).toEqual({ status: 404, body: '{"error":"not found"}' });
    } finally {
      await s.close();
    }
  });

  it('guards everything but the probes when authorize is given', async () => {
    const s = await serve({
      authorize: (ctx) => ctx.get('authorization') === 'Bearer ok',
      mount: (router) =>
        router.get('/data', (ctx) => {
          ctx.body = { data: 1 };
        }),
    });
    try {
      expect((await s.get('/data')).status).toBe(401);
      expect((await s.get('/metrics')).status).toBe(401);
      expect(await s.get('/data', { authorization: 'Bearer ok' })).toEqual({
        status: 200,
        body: '{"data":1}',
      });
      expect((await s.get('/healthz')).status).toBe(200);
      expect((await s.get('/readyz')).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
