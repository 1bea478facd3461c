import { once } from 'node:events';
import { createInterface } from 'node:readline';

export const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
};

// Editors and Windows tools often start a UTF-8 file with a byte-order mark. It is not
// part of the first line, and JSON.parse refuses it.
const BYTE_ORDER_MARK = /^\uFEFF/;

/** Stdin's lines, without a byte-order mark before the first. */
export async function* stdinLines(): AsyncGenerator<string> {
  let first = true;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    yield first ? line.replace(BYTE_ORDER_MARK, '') : line;
    first = false;
  }
}

/**
 * Lines to stdout, waiting while the pipe is full. A reader that has seen enough
 * (`| head -1`) closes the pipe: the command should then stop quietly, as cat does,
 * rather than end in an EPIPE stack trace. Any other write error (a full disk) is thrown.
 */
export const stdoutLines = () => {
  const out = process.stdout;
  let failure: NodeJS.ErrnoException | undefined;
  out.on('error', (error: NodeJS.ErrnoException) => {
    failure = error;
  });
  return {
    /** Whether nobody reads any more; throws a write error other than the reader leaving. */
    readerGone(): boolean {
      if (failure && failure.code !== 'EPIPE') throw failure;
      return failure !== undefined;
    },
    async write(line: string): Promise<void> {
      if (failure) return;
      // once() rejects when the pipe breaks while waiting; the listener above records why.
      if (!out.write(`${line}\n`)) await once(out, 'drain').catch(() => undefined);
    },
  };
};
