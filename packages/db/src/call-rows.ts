import { CALL_STATUSES, type CallEvent, type CallStatus } from '@callpulse/contracts';

export type { CallStatus } from '@callpulse/contracts';

/** The order of CALL_STATUSES, as the SQL function call_status_rank has it: state only moves forward. */
const RANK = Object.fromEntries(CALL_STATUSES.map((status, rank) => [status, rank])) as Record<
  CallStatus,
  number
>;

export interface CallRow {
  source: string;
  callId: string;
  direction: string | null;
  from: string | null;
  to: string | null;
  status: CallStatus;
  initiatedAt: string | null;
  ringingAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  erroredAt: string | null;
  errorMessage: string | null;
  isTest: boolean;
  firstEventAt: string;
  lastEventAt: string;
}

const statusOf = (event: CallEvent): CallStatus => {
  switch (event.type) {
    case 'call_initiated':
      return 'initiated';
    case 'call_ringing':
      return 'ringing';
    case 'call_answered':
    case 'transcript': // someone is speaking: the call was answered
      return 'answered';
    case 'call_ended':
      return 'ended';
    case 'error':
      return 'error';
    case 'unknown':
      return 'unknown';
  }
};

const earliest = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : a <= b ? a : b;
const latest = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : a >= b ? a : b;

const rowOf = (event: CallEvent & { call: NonNullable<CallEvent['call']> }): CallRow => {
  const status = statusOf(event);
  const at = event.occurredAt;
  return {
    source: event.call.source,
    callId: event.call.callId,
    direction: event.call.direction,
    from: event.call.from,
    to: event.call.to,
    status,
    initiatedAt: status === 'initiated' ? at : null,
    ringingAt: status === 'ringing' ? at : null,
    answeredAt: event.type === 'call_answered' ? at : null,
    endedAt: status === 'ended' ? at : null,
    erroredAt: event.type === 'error' ? at : null,
    errorMessage: event.type === 'error' ? event.error.message : null,
    isTest: event.isTest,
    firstEventAt: at,
    lastEventAt: at,
  };
};

/**
 * One row per call for a batch of events, merged the way the database merges them
 * (a multi-row upsert may touch each row once): the highest status, the earliest time
 * of each step, the latest error.
 */
export const mergeCallRows = (events: CallEvent[]): CallRow[] => {
  const byCall = new Map<string, CallRow>();
  for (const event of events) {
    if (!event.call) continue;
    const row = rowOf(event as CallEvent & { call: NonNullable<CallEvent['call']> });
    const key = `${row.source}\u0000${row.callId}`;
    const seen = byCall.get(key);
    byCall.set(key, seen ? mergeTwo(seen, row) : row);
  }
  // A fixed order: concurrent writers lock calls rows in the same order, so never deadlock.
  return [...byCall.values()].sort((a, b) =>
    a.source === b.source ? (a.callId < b.callId ? -1 : 1) : a.source < b.source ? -1 : 1,
  );
};

const mergeTwo = (a: CallRow, b: CallRow): CallRow => {
  const newerError = b.erroredAt !== null && (a.erroredAt === null || b.erroredAt >= a.erroredAt);
  return {
    ...a,
    direction: a.direction ?? b.direction,
    from: a.from ?? b.from,
    to: a.to ?? b.to,
    status: RANK[b.status] > RANK[a.status] ? b.status : a.status,
    initiatedAt: earliest(a.initiatedAt, b.initiatedAt),
    ringingAt: earliest(a.ringingAt, b.ringingAt),
    answeredAt: earliest(a.answeredAt, b.answeredAt),
    endedAt: earliest(a.endedAt, b.endedAt),
    erroredAt: newerError ? b.erroredAt : a.erroredAt,
    errorMessage: newerError ? b.errorMessage : a.errorMessage,
    isTest: a.isTest || b.isTest,
    firstEventAt: earliest(a.firstEventAt, b.firstEventAt) ?? a.firstEventAt,
    lastEventAt: latest(a.lastEventAt, b.lastEventAt) ?? a.lastEventAt,
  };
};
