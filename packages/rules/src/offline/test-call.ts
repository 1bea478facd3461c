import {
  bodyEventId,
  MAX_JSON_DEPTH,
  nestingDepth,
  normalizeWebhook,
  type CallEvent,
} from '@callpulse/contracts';
import type { RuleSet } from '../compile/compile-rules.js';
import { evaluateCall } from '../evaluate-call.js';
import { explainCall } from '../explain/explain-call.js';
import type { RuleMatch } from '../types.js';

export type OfflineMatch = Pick<
  RuleMatch,
  'rule' | 'phase' | 'status' | 'basis' | 'atSecond' | 'evidence'
>;

export interface OfflineResult {
  source: string | null;
  callId: string | null;
  matches: OfflineMatch[];
  /** Bodies left out, by index in the line, and why. Absent when there are none. */
  problems?: string[];
  /** With `explain`: why each rule did or did not match. */
  explain?: string[];
}

export type OfflineOutcome = { ok: true; value: OfflineResult } | { ok: false; error: string };

export interface OfflineOptions {
  explain?: boolean;
}

// The receive time is not the provider's and no rule reads it; the body's own time keeps
// the result a function of the input alone.
// A time no Date can hold (microseconds, say) is the body's problem, reported with it.
const receivedAt = (body: unknown): Date => {
  const ts = (body as { timestamp_utc?: unknown } | null)?.timestamp_utc;
  const at = new Date(typeof ts === 'number' && Number.isFinite(ts) ? ts * 1000 : 0);
  return Number.isNaN(at.getTime()) ? new Date(0) : at;
};

/**
 * The core of `callpulse rules test`: one call, as the provider's webhook bodies in
 * arrival order, through normalization (event ids from the body, as ingest derives them
 * without an idempotency header) and the whole-call evaluator. Bodies that fail to
 * normalize, or belong to another call than the first, are reported and left out.
 */
export const testCall = (
  bodies: readonly unknown[],
  ruleSet: RuleSet,
  { explain = false }: OfflineOptions = {},
): OfflineResult => {
  const events: CallEvent[] = [];
  const problems: string[] = [];
  let call: { source: string; callId: string } | null = null;
  bodies.forEach((body, index) => {
    const normalized = normalizeWebhook(body, {
      eventId: bodyEventId(body),
      receivedAt: receivedAt(body),
    });
    if (!normalized.ok) {
      problems.push(`[${index}]: ${describeError(normalized.error)}`);
      return;
    }
    const event = normalized.value;
    if (event.call === null) {
      problems.push(`[${index}]: event without a call`);
      return;
    }
    if (event.type === 'unknown') {
      // Stored by ingest, but no rule reads it: most often a misspelled type.
      problems.push(`[${index}]: unknown event_type "${event.providerEventType}"`);
      return;
    }
    call ??= { source: event.call.source, callId: event.call.callId };
    if (event.call.source !== call.source || event.call.callId !== call.callId) {
      problems.push(`[${index}]: belongs to call ${event.call.source}/${event.call.callId}`);
      return;
    }
    events.push(event);
  });
  const { matches, state } = evaluateCall(events, ruleSet);
  if (state.dropped > 0) {
    problems.push(
      `${state.dropped} transcript fragments after the first ${ruleSet.maxFragments} left out (rules read at most ${ruleSet.maxFragments} per call)`,
    );
  }
  const found = call as { source: string; callId: string } | null;
  return {
    source: found?.source ?? null,
    callId: found?.callId ?? null,
    matches: matches.map(({ rule, phase, status, basis, atSecond, evidence }) => ({
      rule,
      phase,
      status,
      basis,
      atSecond,
      evidence,
    })),
    ...(problems.length > 0 ? { problems } : {}),
    ...(explain ? { explain: explainCall(events, ruleSet) } : {}),
  };
};

/** One input line of `rules test`: a JSON array of webhook bodies. */
export const testCallLine = (
  line: string,
  ruleSet: RuleSet,
  options: OfflineOptions = {},
): OfflineOutcome => {
  // The array of bodies adds one level to what a body may nest.
  if (nestingDepth(line) > MAX_JSON_DEPTH + 1) {
    return { ok: false, error: `JSON nests deeper than ${MAX_JSON_DEPTH} levels` };
  }
  let parsed: unknown;
  try {
    // A byte-order mark (some editors write one) is not part of the JSON.
    parsed = JSON.parse(line.startsWith('\uFEFF') ? line.slice(1) : line);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  if (!Array.isArray(parsed)) {
    return { ok: false, error: 'expected a JSON array of webhook bodies' };
  }
  return { ok: true, value: testCall(parsed, ruleSet, options) };
};

const describeError = (
  error: Extract<ReturnType<typeof normalizeWebhook>, { ok: false }>['error'],
): string => {
  switch (error.kind) {
    case 'not_an_object':
      return 'not a JSON object';
    case 'missing_event_type':
      return 'no event_type';
    case 'invalid_fields':
      return `${error.eventType}: ${error.fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`;
  }
};
