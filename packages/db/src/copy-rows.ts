import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value as COPY's text format takes it (a jsonb column takes its JSON text: `asJson`). */
export type CopyValue = string | number | boolean | null | undefined;

/** The JSON text of a value for a jsonb column; `undefined` becomes SQL null. */
export const asJson = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);

const SPECIAL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One field in COPY's text format: backslash escapes, `\N` for null. */
export const copyField = (value: CopyValue): string => {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);
  return text.replace(SPECIAL, (c) => ESCAPES[c] ?? c);
};

const ROWS_PER_CHUNK = 500; // rows per write to the socket: bounded memory, few syscalls

function* chunks(rows: readonly CopyValue[][]): Generator<string> {
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    let text = '';
    for (const row of rows.slice(i, i + ROWS_PER_CHUNK))
      text += `${row.map(copyField).join('\t')}\n`;
    yield text;
  }
}

/**
 * Streams `rows` into `table (columns)` with one `COPY … FROM STDIN` (text format), inside
 * the caller's transaction, and returns how many rows the server took.
 */
export const copyRows = async (
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly CopyValue[][],
): Promise<number> => {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks(rows)), stream);
  return stream.rowCount;
};
