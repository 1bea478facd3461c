import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sendAlert } from './send.js';

describe('sendAlert', () => {
  it('fails an answer that trickles in past the deadline, though the socket is never idle', async () => {
    // Headers at once, then a byte every 100 ms for 3 s: an idle-socket timeout of 500 ms
    // never fires, so only a deadline on the whole attempt ends it before the answer does.
    let answerClosed: (cutOff: boolean) => void = () => {};
    const closed = new Promise<boolean>((resolve) => (answerClosed = resolve));
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200);
      const drip = setInterval(() => res.write('.'), 100);
      const end = setTimeout(() => res.end(), 3_000);
      res.on('close', () => {
        clearInterval(drip);
        clearTimeout(end);
        answerClosed(!res.writableFinished);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const outcome = await sendAlert({
        url: `http://127.0.0.1:${port}/hook`,
        body: '{}',
        headers: {},
        timeoutMs: 500,
        allowPrivate: true,
      });
      expect(outcome).toMatchObject({
        ok: false,
        status: null,
        error: 'no complete answer within 500 ms',
      });
      // The request was torn down, not left reading in the background.
      expect(await closed).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
