import type { Pool } from '@callpulse/db';

export interface Question {
  name: string;
  sql: string;
  params?: unknown[];
}

// The everyday questions of the table, as an operator types them in psql (the first
// is the query `npm start` prints; the two README ones are copied from the README).
/** The questions, with `one` the (source, call id) of the call the one-call questions read. */
export const questionsFor = (one: [string, string]): Question[] => {
  return [
    {
      name: 'newest 10 calls (the query npm start prints)',
      sql: `SELECT call_id, status, fragments, customer_sentiment, label, keyword_hits
          FROM call_sentiment ORDER BY started_at DESC LIMIT 10`,
    },
    {
      name: 'one call by id',
      sql: `SELECT * FROM call_sentiment WHERE source = $1 AND call_id = $2`,
      params: one,
    },
    {
      name: "README: today's most negative calls",
      sql: `SELECT source, call_id, started_at, customer_sentiment, final_sentiment, label
          FROM call_sentiment
          WHERE started_at >= date_trunc('day', now())
          ORDER BY COALESCE(final_sentiment, customer_sentiment) ASC NULLS LAST
          LIMIT 20`,
    },
    {
      name: 'README: the latest calls where the churn list was hit, with what was said',
      sql: `SELECT cs.source, cs.call_id, cs.started_at, cs.label, hit.term, hit.matched_text
          FROM (
            SELECT source, call_id, started_at, label FROM call_sentiment
            WHERE keyword_lists_hit @> '{churn}'
            ORDER BY started_at DESC LIMIT 20
          ) cs
          CROSS JOIN LATERAL (
            SELECT kh.term, kh.matched_text FROM call_keyword_hits kh
            WHERE kh.source = cs.source AND kh.call_id = cs.call_id AND kh.list_name = 'churn'
            ORDER BY kh.phase DESC LIMIT 1
          ) hit
          ORDER BY cs.started_at DESC`,
    },
    {
      // An export rather than a question: its rows grow with the history kept.
      name: 'every call where the churn list was hit, with what was said (all of them)',
      sql: `SELECT DISTINCT ON (kh.source, kh.call_id) kh.source, kh.call_id, kh.term, kh.matched_text, cs.label
          FROM keyword_hits kh JOIN call_sentiment cs USING (source, call_id)
          WHERE kh.list_name = 'churn'
          ORDER BY kh.source, kh.call_id, kh.phase DESC`,
    },
    {
      name: 'newest 20 calls where the churn list was hit (call_sentiment)',
      sql: `SELECT source, call_id, started_at, label FROM call_sentiment
            WHERE keyword_lists_hit @> '{churn}' ORDER BY started_at DESC LIMIT 20`,
    },
    {
      name: 'share of negative calls per day, 7 days (call_sentiment)',
      sql: `SELECT date_trunc('day', started_at) AS day, count(*) AS calls,
            avg((label = 'negative')::int) AS negative_share
          FROM call_sentiment WHERE started_at >= now() - interval '7 days'
          GROUP BY 1 ORDER BY 1`,
    },
    {
      name: "one call's fragments in order (fragment_sentiment)",
      sql: `SELECT seq, occurred_at, text, comparative, label FROM fragment_sentiment
          WHERE source = $1 AND call_id = $2 ORDER BY seq`,
      params: one,
    },
    {
      name: 'daily chart, 30 days (call_sentiment)',
      sql: `SELECT date_trunc('day', started_at) AS day, count(*) AS calls,
            count(*) FILTER (WHERE label = 'negative') AS negative,
            count(*) FILTER (WHERE label = 'neutral') AS neutral,
            count(*) FILTER (WHERE label = 'positive') AS positive,
            avg(customer_sentiment) AS mean_customer_sentiment
          FROM call_sentiment WHERE started_at >= now() - interval '30 days'
          GROUP BY 1 ORDER BY 1`,
    },
  ];
};

// The same charts read from the daily rollup, when the schema has one.
export const ROLLUP_QUESTIONS: Question[] = [
  {
    name: 'share of negative calls per day, 7 days (call_rollup_daily)',
    sql: `SELECT day, sum(calls) AS calls, sum(negative)::float8 / nullif(sum(calls), 0) AS negative_share
          FROM call_rollup_daily WHERE day >= now() - interval '7 days'
          GROUP BY 1 ORDER BY 1`,
  },
  {
    name: 'daily chart, 30 days (call_rollup_daily)',
    sql: `SELECT day, sum(calls) AS calls, sum(negative) AS negative, sum(neutral) AS neutral,
            sum(positive) AS positive,
            sum(customer_sentiment_sum) / nullif(sum(customer_sentiment_calls), 0) AS mean_customer_sentiment
          FROM call_rollup_daily WHERE day >= now() - interval '30 days'
          GROUP BY 1 ORDER BY 1`,
  },
];

export interface Timing {
  name: string;
  runsMs: number[];
  medianMs: number;
  rows: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Median of `runs` timed runs of each question, on one connection. */
export const timeQuestions = async ({
  pool,
  questions,
  runs = 3,
  log,
}: {
  pool: Pool;
  questions: Question[];
  runs?: number;
  log: (line: string) => void;
}): Promise<Timing[]> => {
  const client = await pool.connect();
  try {
    const out: Timing[] = [];
    for (const q of questions) {
      const runsMs: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = process.hrtime.bigint();
        const r = await client.query(q.sql, q.params ?? []);
        runsMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
        rows = r.rowCount ?? 0;
      }
      const t: Timing = { name: q.name, runsMs, medianMs: median(runsMs), rows };
      log(`${q.name}: ${runsMs.map((ms) => ms.toFixed(1)).join(', ')} ms (${rows} rows)`);
      out.push(t);
    }
    return out;
  } finally {
    client.release();
  }
};
