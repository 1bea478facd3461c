import {
  bodyEventId,
  normalizeWebhook,
  type CallEvent,
  type RuleMatchMessage,
} from '@callpulse/contracts';
import {
  inTransaction,
  listCallsPage,
  loadCallEventBodies,
  loadStoredVerdicts,
  refreshCallFigures,
  writeRuleMatches,
  type CallKey,
  type Pool,
  type StoredEventBody,
} from '@callpulse/db';
import { evaluateCall, toMatchMessage, type Evidence, type RuleMatch } from '@callpulse/rules';
import { compileStoredRule } from './compile-stored-rule.js';

export interface ReplayExample {
  source: string;
  callId: string;
  evidence: Evidence[];
}

export interface ReplayReport {
  rule: string;
  version: number;
  scanned: number;
  /** Calls the current version holds for. */
  matchedNow: number;
  /** Calls the latest stored version holds for. */
  matchedStored: number;
  added: { count: number; examples: ReplayExample[] };
  removed: { count: number; examples: ReplayExample[] };
  /** Rows written with --apply (matches, and "no longer holds" verdicts). */
  applied: number;
  seconds: number;
}

const keyOf = (c: CallKey): string => `${c.source}/${c.callId}`;

const toEvents = (bodies: readonly StoredEventBody[]): CallEvent[] =>
  bodies.flatMap((b) => {
    const normalized = normalizeWebhook(b.raw, {
      eventId: b.eventId || bodyEventId(b.raw),
      receivedAt: b.receivedAt,
    });
    return normalized.ok ? [normalized.value] : [];
  });

/**
 * Evaluates a rule's current version over the stored calls that started in
 * [since, until) with the same evaluator the analyzer runs live, and compares it with
 * what is stored. With `apply`, stores the new verdicts (origin 'replay': the notifier
 * never sends them).
 */
export const replayRule = async ({
  pool,
  name,
  since = null,
  until = null,
  apply = false,
  pageSize = 500, // calls read and evaluated per round trip
  examples = 5, // of each of added and removed
  onProgress = () => {},
  now = () => new Date(),
}: {
  pool: Pool;
  name: string;
  since?: Date | null;
  until?: Date | null;
  apply?: boolean;
  pageSize?: number;
  examples?: number;
  onProgress?: (scanned: number) => void;
  now?: () => Date;
}): Promise<ReplayReport> => {
  const started = performance.now();
  const { rule, ruleSet } = await compileStoredRule(pool, name);
  const version = rule.version ?? 1;
  const report: ReplayReport = {
    rule: name,
    version,
    scanned: 0,
    matchedNow: 0,
    matchedStored: 0,
    added: { count: 0, examples: [] },
    removed: { count: 0, examples: [] },
    applied: 0,
    seconds: 0,
  };
  let after: CallKey | null = null;
  for (;;) {
    const calls = await listCallsPage(pool, { since, until, after, limit: pageSize });
    if (calls.length === 0) break;
    after = calls[calls.length - 1] ?? null;
    const [bodies, stored] = await Promise.all([
      loadCallEventBodies(pool, calls),
      loadStoredVerdicts(pool, name, calls),
    ]);
    const byCall = new Map<string, StoredEventBody[]>();
    for (const body of bodies) {
      const key = keyOf(body);
      const list = byCall.get(key);
      if (list) list.push(body);
      else byCall.set(key, [body]);
    }
    const rows: RuleMatchMessage[] = [];
    for (const call of calls) {
      const events = toEvents(byCall.get(keyOf(call)) ?? []);
      const evaluation = evaluateCall(events, ruleSet);
      const match = evaluation.matches.find((m) => m.rule === name && m.status !== 'retracted');
      const before = stored.get(keyOf(call))?.holds ?? false;
      report.scanned++;
      if (match) report.matchedNow++;
      if (before) report.matchedStored++;
      const example = { ...call, evidence: match?.evidence ?? [] };
      if (match && !before) {
        report.added.count++;
        if (report.added.examples.length < examples) report.added.examples.push(example);
      } else if (!match && before) {
        report.removed.count++;
        if (report.removed.examples.length < examples) report.removed.examples.push(example);
      }
      if (apply && (match || before)) {
        const start = evaluation.state.initiatedAt ?? evaluation.state.earliestAt;
        rows.push(
          verdictRow(
            call,
            events[0]?.isTest ?? false,
            start,
            now(),
            // No longer holding is stored as this version's retraction of the call.
            match ?? {
              rule: name,
              ruleVersion: version,
              severity: rule.severity,
              phase: 'final',
              status: 'retracted',
              basis: 'call_end',
              atSecond: 0,
              evidence: [],
            },
          ),
        );
      }
    }
    if (rows.length > 0) {
      await inTransaction(pool, async (client) => {
        await writeRuleMatches(client, rows);
        await refreshCallFigures(client, rows);
      });
      report.applied += rows.length;
    }
    onProgress(report.scanned);
    if (calls.length < pageSize) break;
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
};

const verdictRow = (
  call: CallKey,
  isTest: boolean,
  callStart: number | null,
  decidedAt: Date,
  match: RuleMatch,
): RuleMatchMessage =>
  toMatchMessage({ match, call, isTest, callStart, decidedAt, origin: 'replay' });
