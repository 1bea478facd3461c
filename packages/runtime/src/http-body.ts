import { MAX_JSON_DEPTH, nestingDepth } from '@callpulse/contracts';
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  { ok: true; bytes: Buffer; json: unknown } | { ok: false; status: 400 | 413; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the body as bytes (signatures are computed over bytes), refusing more than
 * `limit` bytes as early as it can, then decodes strict UTF-8 and parses JSON.
 */
export const readJsonBody = async (req: IncomingMessage, limit: number): Promise<BodyResult> => {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // drain, so the connection can answer
    return { ok: false, status: 413, error: `body is larger than ${limit} bytes` };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      return { ok: false, status: 413, error: `body is larger than ${limit} bytes` };
    }
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks, size);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, status: 400, error: 'body is not valid UTF-8' };
  }
  if (text.trim() === '') return { ok: false, status: 400, error: 'body is empty' };
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    return { ok: false, status: 400, error: `JSON nests deeper than ${MAX_JSON_DEPTH} levels` };
  }
  try {
    const json: unknown = JSON.parse(text);
    if (containsNul(text)) {
      return {
        ok: false,
        status: 400,
        error: 'body contains a NUL character (\\u0000), which cannot be stored',
      };
    }
    return { ok: true, bytes, json };
  } catch (error) {
    return { ok: false, status: 400, error: `malformed JSON: ${(error as Error).message}` };
  }
};

// Postgres text and jsonb cannot hold U+0000; refuse it at the edge instead of failing later.
const containsNul = (text: string): boolean => text.includes('\\u0000') || text.includes('\u0000');
