import type { Pool } from 'pg';

export interface RetentionReport {
  /** Detail of calls that started before this is gone; their figures stay. */
  horizon: Date;
  deletedRows: number;
  batches: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes the detail rows (call_events, transcript_fragments, fragment_scores,
 * keyword_hits) of calls that started before `before`, keeping calls, summaries, rule
 * matches, per-call figures and rollups. The horizon moves first (and only forward), so
 * from then on no refresh recomputes those calls' figures from what is left; then the
 * sweep deletes one slice of start times per transaction, so no lock is held for long.
 */
export const applyRetention = async (
  pool: Pool,
  {
    before,
    stepMs = 15 * 60_000, // start times per transaction
    onProgress = () => {},
  }: { before: Date; stepMs?: number; onProgress?: (sweptUntil: Date, deleted: number) => void },
): Promise<RetentionReport> => {
  const { rows } = await pool.query<{ dropped_before: Date; swept_until: Date | null }>(
    `UPDATE retention_horizon
     SET dropped_before = GREATEST(dropped_before, $1), changed_at = now()
     RETURNING dropped_before, CASE WHEN swept_until > '-infinity' THEN swept_until END AS swept_until`,
    [before],
  );
  const horizon = rows[0]?.dropped_before ?? before;
  const first = await pool.query<{ started: Date | null }>(
    `SELECT min(COALESCE(initiated_at, ringing_at, answered_at, first_event_at)) AS started
     FROM calls`,
  );
  const earliest = first.rows[0]?.started;
  let from = Math.max(
    earliest?.getTime() ?? horizon.getTime(),
    (rows[0]?.swept_until?.getTime() ?? -Infinity) - DAY_MS,
  );
  from = Math.floor(from / stepMs) * stepMs;
  let deletedRows = 0;
  let batches = 0;
  while (from < horizon.getTime()) {
    const to = Math.min(from + stepMs, horizon.getTime());
    const { rows: r } = await pool.query<{ deleted: string }>(
      'SELECT drop_call_detail($1, $2) AS deleted',
      [new Date(from), new Date(to)],
    );
    await pool.query('UPDATE retention_horizon SET swept_until = GREATEST(swept_until, $1)', [
      new Date(to),
    ]);
    deletedRows += Number(r[0]?.deleted ?? 0);
    batches++;
    onProgress(new Date(to), deletedRows);
    from = to;
  }
  return { horizon, deletedRows, batches };
};
