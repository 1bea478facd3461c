import type { Pool } from 'pg';

/** A rule as stored: its validated definition, with the version the store gave it. */
export interface StoredRule {
  name: string;
  /** The rule's JSON as validated by the rules package (without name and version). */
  definition: Record<string, unknown>;
  enabled: boolean;
  severity: string;
  notify: string[];
  version: number;
  updatedAt: string;
}

export interface RuleInput {
  name: string;
  definition: Record<string, unknown>;
  enabled: boolean;
  severity: string;
  notify: string[];
}

interface Row {
  name: string;
  definition: Record<string, unknown>;
  enabled: boolean;
  severity: string;
  notify: string[];
  version: string | number;
  updated_at: Date | string;
}

const COLUMNS = 'name, definition, enabled, severity, notify, version, updated_at';

const fromRow = (r: Row): StoredRule => ({
  name: r.name,
  definition: r.definition,
  enabled: r.enabled,
  severity: r.severity,
  notify: r.notify,
  version: Number(r.version),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** All rules and the revision they make up, read in one snapshot. */
export const loadRules = async (pool: Pool): Promise<{ revision: string; rules: StoredRule[] }> => {
  const { rows } = await pool.query<{ revision: string; rules: Row[] | null }>(
    `SELECT r.revision::text AS revision,
            (SELECT json_agg(x ORDER BY x.name) FROM (SELECT ${COLUMNS} FROM rules) x) AS rules
     FROM rules_revision r`,
  );
  const row = rows[0];
  return { revision: row?.revision ?? '0', rules: (row?.rules ?? []).map(fromRow) };
};

export const getRule = async (pool: Pool, name: string): Promise<StoredRule | null> => {
  const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM rules WHERE name = $1`, [name]);
  return rows[0] ? fromRow(rows[0]) : null;
};

/** Inserts or replaces a rule; its version moves on only when something changed. */
export const putRule = async (
  pool: Pool,
  rule: RuleInput,
): Promise<{ rule: StoredRule; created: boolean }> => {
  const { rows } = await pool.query<Row & { created: boolean }>(
    `INSERT INTO rules (name, definition, enabled, severity, notify)
     VALUES ($1, $2::jsonb, $3, $4, $5)
     ON CONFLICT (name) DO UPDATE SET definition = EXCLUDED.definition,
       enabled = EXCLUDED.enabled, severity = EXCLUDED.severity, notify = EXCLUDED.notify
     RETURNING ${COLUMNS}, (xmax = 0) AS created`,
    [rule.name, JSON.stringify(rule.definition), rule.enabled, rule.severity, rule.notify],
  );
  const row = rows[0];
  if (!row) throw new Error(`rule ${rule.name} was not stored`);
  return { rule: fromRow(row), created: row.created };
};

export const deleteRule = async (pool: Pool, name: string): Promise<boolean> =>
  ((await pool.query('DELETE FROM rules WHERE name = $1', [name])).rowCount ?? 0) > 0;

export const RULES_CHANNEL = 'rules_changed';
