import type { Pool } from 'pg';

/** A keyword list as stored. Its terms are validated by the analysis package's schema. */
export interface StoredKeywordList {
  name: string;
  description: string;
  speakers: string[];
  enabled: boolean;
  terms: unknown[];
  version: number;
  updatedAt: string;
}

export interface KeywordListInput {
  name: string;
  description?: string | undefined;
  speakers: string[];
  enabled: boolean;
  terms: unknown[];
}

interface Row {
  name: string;
  description: string;
  speakers: string[];
  enabled: boolean;
  terms: unknown[];
  version: string;
  updated_at: Date;
}

const COLUMNS = 'name, description, speakers, enabled, terms, version, updated_at';

const fromRow = (r: Row): StoredKeywordList => ({
  name: r.name,
  description: r.description,
  speakers: r.speakers,
  enabled: r.enabled,
  terms: r.terms,
  version: Number(r.version),
  updatedAt: r.updated_at.toISOString(),
});

/** All lists and the revision they make up, read in one snapshot. */
export const loadKeywordLists = async (
  pool: Pool,
): Promise<{ revision: string; lists: StoredKeywordList[] }> => {
  const { rows } = await pool.query<{ revision: string; lists: Row[] | null }>(
    `SELECT r.revision::text AS revision,
            (SELECT json_agg(k ORDER BY k.name) FROM (SELECT ${COLUMNS} FROM keyword_lists) k) AS lists
     FROM keyword_lists_revision r`,
  );
  const row = rows[0];
  return {
    revision: row?.revision ?? '0',
    lists: (row?.lists ?? []).map((r) => fromRow({ ...r, updated_at: new Date(r.updated_at) })),
  };
};

export const listKeywordLists = async (pool: Pool): Promise<StoredKeywordList[]> =>
  (await loadKeywordLists(pool)).lists;

export const getKeywordList = async (
  pool: Pool,
  name: string,
): Promise<StoredKeywordList | null> => {
  const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM keyword_lists WHERE name = $1`, [
    name,
  ]);
  return rows[0] ? fromRow(rows[0]) : null;
};

/** Creates or replaces a list; the database bumps its version and notifies analyzers. */
export const putKeywordList = async (
  pool: Pool,
  list: KeywordListInput,
): Promise<{ list: StoredKeywordList; created: boolean }> => {
  const { rows } = await pool.query<Row & { created: boolean }>(
    `INSERT INTO keyword_lists (name, description, speakers, enabled, terms)
     VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description,
       speakers = EXCLUDED.speakers, enabled = EXCLUDED.enabled, terms = EXCLUDED.terms
     RETURNING ${COLUMNS}, (xmax = 0) AS created`,
    [list.name, list.description ?? '', list.speakers, list.enabled, JSON.stringify(list.terms)],
  );
  const row = rows[0];
  if (!row) throw new Error(`keyword list ${list.name} was not stored`);
  return { list: fromRow(row), created: row.created };
};

/**
 * The rules whose condition reads the list (`said: { list }` anywhere in `when`): deleting
 * it would leave them unable to run, which analyzers could only log.
 */
export const rulesUsingList = async (pool: Pool, list: string): Promise<string[]> =>
  (
    await pool.query<{ name: string }>(
      `SELECT name FROM rules
       WHERE jsonb_path_exists(definition -> 'when', 'strict $.** ? (@.said.list == $list)',
                               jsonb_build_object('list', $1::text))
       ORDER BY name`,
      [list],
    )
  ).rows.map((r) => r.name);

export const deleteKeywordList = async (pool: Pool, name: string): Promise<boolean> =>
  ((await pool.query('DELETE FROM keyword_lists WHERE name = $1', [name])).rowCount ?? 0) > 0;

export const KEYWORD_LISTS_CHANNEL = 'keyword_lists_changed';

/** A database no one has used yet: no keyword lists and no calls (examples may go in). */
export const isUnused = async (pool: Pool): Promise<boolean> => {
  const { rows } = await pool.query<{ unused: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM keyword_lists) AND NOT EXISTS (SELECT 1 FROM calls) AS unused`,
  );
  return rows[0]?.unused ?? false;
};
