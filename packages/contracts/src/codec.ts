import type { z } from 'zod';
import { callEventSchema, type CallEvent } from './call-event.js';
import { fieldErrorLines } from './field-errors.js';
import { err, ok, type Result } from './result.js';

/**
 * Versioned serialization of Kafka message values. A consumer that meets a version it
 * does not know fails that message (dead letter) instead of misreading it.
 */
export const CALL_EVENT_VERSION = 1;
export const CALL_EVENT_CONTENT_TYPE = 'application/vnd.callpulse.call-event+json; v=1';

export const encodeCallEvent = (event: CallEvent): string =>
  JSON.stringify({ v: CALL_EVENT_VERSION, event });

export const decodeCallEvent = (value: Buffer | string | null): Result<CallEvent> =>
  decodeVersioned(value, CALL_EVENT_VERSION, callEventSchema);

export function decodeVersioned<T>(
  value: Buffer | string | null,
  version: number,
  schema: z.ZodType<T>,
): Result<T> {
  if (value === null) return err('empty message value');
  let envelope: unknown;
  try {
    envelope = JSON.parse(value.toString());
  } catch (e) {
    return err(`message value is not JSON: ${(e as Error).message}`);
  }
  const v = (envelope as { v?: unknown } | null)?.v;
  if (v !== version)
    return err(`unsupported message version ${JSON.stringify(v)} (expected ${version})`);
  const parsed = schema.safeParse((envelope as { event?: unknown }).event);
  if (!parsed.success) {
    return err(
      `invalid message: ${fieldErrorLines(parsed.error.issues.slice(0, 1), '(event)')[0]}`,
    );
  }
  return ok(parsed.data);
}
