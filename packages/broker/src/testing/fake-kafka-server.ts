import { createServer, type Socket } from 'node:net';

export interface ReceivedRequest {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string;
  /** The whole frame, size prefix included, exactly as it arrived. */
  frame: Buffer;
}

/** What the fake does with one request: reply with payload chunks, or misbehave. */
export type FakeReply =
  { payload: Buffer; chunkSize?: number } | { raw: Buffer } | 'close' | 'silent';

export interface FakeKafkaServer {
  port: number;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A TCP server that frames requests the way a broker does and answers through `reply`.
 * It tests this package's own protocol code over a real socket; it is not a Kafka stand-in
 * for anything else.
 */
export async function startFakeKafkaServer(
  reply: (request: ReceivedRequest) => FakeReply,
): Promise<FakeKafkaServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4 && buffered.length >= 4 + buffered.readInt32BE(0)) {
        const frame = buffered.subarray(0, 4 + buffered.readInt32BE(0));
        buffered = buffered.subarray(frame.length);
        const clientIdLength = frame.readInt16BE(12);
        const request: ReceivedRequest = {
          apiKey: frame.readInt16BE(4),
          apiVersion: frame.readInt16BE(6),
          correlationId: frame.readInt32BE(8),
          clientId: frame.subarray(14, 14 + clientIdLength).toString('utf8'),
          frame,
        };
        requests.push(request);
        answer(socket, reply(request));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake server has no port');
  return {
    port: address.port,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(socket: Socket, reply: FakeReply): void {
  if (reply === 'silent') return;
  if (reply === 'close') {
    socket.destroy();
    return;
  }
  if ('raw' in reply) {
    socket.write(reply.raw);
    return;
  }
  const size = Buffer.alloc(4);
  size.writeInt32BE(reply.payload.length);
  const frame = Buffer.concat([size, reply.payload]);
  // Several writes with a pause in between arrive as separate TCP reads, as large answers do.
  const chunkSize = reply.chunkSize ?? frame.length;
  const writeFrom = (offset: number): void => {
    if (offset >= frame.length || socket.destroyed) return;
    socket.write(frame.subarray(offset, offset + chunkSize));
    setTimeout(() => writeFrom(offset + chunkSize), 5);
  };
  writeFrom(0);
}
