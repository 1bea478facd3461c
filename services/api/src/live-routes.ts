import { PassThrough } from 'node:stream';
import type Router from '@koa/router';
import type { LiveHub } from './live-hub.js';

/**
 * GET /live/calls: the live page's rows as JSON. GET /live/events: Server-Sent Events, a
 * `snapshot` of every live call first (on every connection, so a reconnect catches up and
 * the page replaces its rows rather than adding to them), then a `call` event per change.
 */
export const mountLiveRoutes = (router: Router, hub: LiveHub): void => {
  router.get('/live/calls', async (ctx) => {
    ctx.body = { calls: await hub.snapshot() };
  });

  router.get('/live/events', async (ctx) => {
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    const stream = new PassThrough();
    let ready = false;
    const queued: string[] = [];
    const write = (chunk: string): void => {
      if (ready) stream.write(chunk);
      else queued.push(chunk);
    };
    const unsubscribe = hub.subscribe({
      send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
      comment: (text) => write(`: ${text}\n\n`),
      close: () => stream.end(),
    });
    const end = (): void => {
      unsubscribe();
      stream.end();
    };
    ctx.req.once('close', end);
    stream.once('error', end);
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Accel-Buffering', 'no');
    ctx.type = 'text/event-stream';
    ctx.status = 200;
    ctx.body = stream;
    // Changes that arrive while the snapshot is read are sent after it, in order.
    stream.write('retry: 1000\n\n');
    try {
      const rows = await hub.snapshot();
      stream.write(`event: snapshot\ndata: ${JSON.stringify(rows)}\n\n`);
    } catch (error) {
      end();
      throw error;
    }
    ready = true;
    for (const chunk of queued) stream.write(chunk);
    queued.length = 0;
  });
};
