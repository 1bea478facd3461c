import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutgoingMessage } from '@callpulse/kafka';

/** The spool is at its size bound: the event cannot be accepted now. */
export class SpoolFullError extends Error {
  override name = 'SpoolFullError';
  readonly retriable = true;
}

const SEGMENT = /^spool-(\d{12})\.jsonl$/;
const segmentName = (n: number): string => `spool-${String(n).padStart(12, '0')}.jsonl`;

export interface Spool {
  /** Appends and fsyncs; resolves once the event is on disk. */
  append(message: OutgoingMessage): Promise<void>;
  /** True while anything waits to be forwarded (new events then queue behind it, in order). */
  pending(): boolean;
  bytes(): number;
  /** Forwards everything spooled, oldest first, one segment at a time. */
  drain(forward: (messages: OutgoingMessage[]) => Promise<void>): Promise<number>;
}

/**
 * A local, fsynced, size-bounded queue of events Kafka could not take in time. Appends go
 * to the newest segment file (one JSON line per event); draining forwards the oldest
 * segment and deletes it only after Kafka acknowledged all of it, so a crash replays a
 * segment rather than losing it (the event ids make the replay harmless).
 */
export const openSpool = async ({
  dir,
  maxBytes = 256 * 1024 * 1024, // beyond this, appends fail with SpoolFullError (503)
  segmentBytes = 8 * 1024 * 1024, // a new segment after this much
}: {
  dir: string;
  maxBytes?: number;
  segmentBytes?: number;
}): Promise<Spool> => {
  await mkdir(dir, { recursive: true });
  const segments: { n: number; size: number }[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const m = SEGMENT.exec(name);
    if (m?.[1]) segments.push({ n: Number(m[1]), size: (await stat(join(dir, name))).size });
  }
  let total = segments.reduce((s, x) => s + x.size, 0);
  // The segment being forwarded; appends never go into it.
  let draining = -1;
  let chain: Promise<unknown> = Promise.resolve();
  // Appends and segment hand-overs run one at a time.
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => {});
    return next;
  };

  return {
    pending: () => segments.length > 0,
    bytes: () => total,
    append: (message) =>
      serial(async () => {
        const line = `${JSON.stringify(message)}\n`;
        const size = Buffer.byteLength(line);
        if (total + size > maxBytes)
          throw new SpoolFullError(`spool is full (${total} of ${maxBytes} bytes)`);
        let last = segments.at(-1);
        if (!last || last.size + size > segmentBytes || last.n === draining) {
          last = { n: (segments.at(-1)?.n ?? 0) + 1, size: 0 };
          segments.push(last);
        }
        const file = await open(join(dir, segmentName(last.n)), 'a');
        try {
          await file.write(line);
          await file.datasync();
        } finally {
          await file.close();
        }
        last.size += size;
        total += size;
      }),
    drain: async (forward) => {
      let forwarded = 0;
      for (;;) {
        const oldest = await serial(() => {
          draining = segments[0]?.n ?? -1;
          return Promise.resolve(segments[0]);
        });
        if (!oldest) return forwarded;
        const path = join(dir, segmentName(oldest.n));
        const lines = (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');
        const messages = lines.map((l) => JSON.parse(l) as OutgoingMessage);
        for (let i = 0; i < messages.length; i += 500) await forward(messages.slice(i, i + 500));
        await serial(async () => {
          await rm(path, { force: true });
          segments.shift();
          total -= oldest.size;
          draining = -1;
        });
        forwarded += messages.length;
      }
    },
  };
};
