import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/**
 * /healthz, /readyz and /metrics for services that have no HTTP API of their own
 * (analyzer, writer). Koa services mount the same three routes on their app.
 */
export const createHealthServer = ({
  registry,
  isReady,
}: {
  registry: Registry;
  isReady: () => boolean;
}): Server =>
  createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (path === '/readyz') {
      const ready = isReady();
      res
        .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: ready ? 'ready' : 'not ready' }));
    } else if (path === '/metrics') {
      registry.metrics().then(
        (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
  });
