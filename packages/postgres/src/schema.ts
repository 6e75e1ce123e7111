import { WebhookConfigurationError } from '@hookline/core';

const tableName = /^(?:[A-Za-z_][A-Za-z0-9_]{0,62}\.)?[A-Za-z_][A-Za-z0-9_]{0,50}$/;

/**
 * Quotes a table name, optionally schema-qualified, for use in SQL, because names cannot be
 * bound parameters.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for anything but plain names.
 */
export function quoteTable(table: string): { quoted: string; bare: string } {
  if (!tableName.test(table)) {
    throw new WebhookConfigurationError(
      `createPostgresStore: table must be [schema.]name of letters, digits and underscores, ` +
        `the name at most 51 characters so that its index name fits, got "${table}"`,
    );
  }
  const parts = table.split('.');
  return { quoted: parts.map((part) => `"${part}"`).join('.'), bare: parts.at(-1) as string };
}

/**
 * Returns the migration that creates the dedupe table and its index, for running ahead of time
 * (the store also runs it on first use unless `createTable` is false). A row is leased while
 * `token` is set, done when `done` is true, and otherwise records the steps of a failed attempt.
 * Any row whose `expires_at` has passed may be deleted.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an invalid table name.
 */
export function createTableSql(table = 'hookline_dedupe'): string {
  const { quoted, bare } = quoteTable(table);
  return `CREATE TABLE IF NOT EXISTS ${quoted} (
  key text PRIMARY KEY,
  token text,
  lease_expires_at timestamptz,
  steps text[] NOT NULL DEFAULT '{}',
  done boolean NOT NULL DEFAULT false,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS "${bare}_expires_at" ON ${quoted} (expires_at);`;
}

const ms = `$3::double precision * interval '1 millisecond'`;
// A leased row (even one whose lease expired) and an unexpired failed attempt keep the steps
// of earlier attempts. A done row or an expired one starts over with none.
const keepsSteps = 'r.token IS NOT NULL OR (NOT r.done AND r.expires_at > now())';

/** Builds the statements of the store for `table`, by purpose, with their parameters listed. */
export function statementSql(table: string) {
  const { quoted: t } = quoteTable(table);
  return {
    // $1 key, $2 new token, $3 lease in ms. Returns one row: state, steps, retry_after_ms.
    claim: `WITH claimed AS (
  INSERT INTO ${t} AS r (key, token, lease_expires_at, steps, done, expires_at)
  VALUES ($1, $2, now() + ${ms}, '{}', false, now() + ${ms})
  ON CONFLICT (key) DO UPDATE SET
    token = excluded.token,
    lease_expires_at = excluded.lease_expires_at,
    steps = CASE WHEN ${keepsSteps} THEN r.steps ELSE '{}' END,
    done = false,
    expires_at = CASE WHEN ${keepsSteps}
      THEN greatest(r.expires_at, excluded.expires_at) ELSE excluded.expires_at END
  WHERE (r.done AND r.expires_at <= now())
    OR (NOT r.done AND r.token IS NULL)
    OR (r.token IS NOT NULL AND r.lease_expires_at <= now())
  RETURNING steps
)
SELECT 'claimed' AS state, steps, 0 AS retry_after_ms FROM claimed
UNION ALL
SELECT CASE WHEN done THEN 'completed' ELSE 'in_progress' END, steps,
  ceil(extract(epoch FROM lease_expires_at - now()) * 1000)::integer
FROM ${t} WHERE key = $1 AND NOT EXISTS (SELECT 1 FROM claimed)`,
    // $1 key, $2 retention in ms.
    complete: `INSERT INTO ${t} (key, token, lease_expires_at, steps, done, expires_at)
VALUES ($1, NULL, NULL, '{}', true, now() + $2::double precision * interval '1 millisecond')
ON CONFLICT (key) DO UPDATE SET token = NULL, lease_expires_at = NULL, steps = '{}',
  done = true, expires_at = excluded.expires_at`,
    // $1 key, $2 token.
    releaseAll: `DELETE FROM ${t} WHERE key = $1 AND token = $2`,
    // $1 key, $2 token, $3 retention in ms, $4 steps.
    releaseSteps: `UPDATE ${t} SET token = NULL, lease_expires_at = NULL, steps = $4,
  expires_at = now() + ${ms} WHERE key = $1 AND token = $2`,
    // $1 batch size.
    cleanup: `DELETE FROM ${t} WHERE key IN (SELECT key FROM ${t}
  WHERE expires_at <= now() LIMIT $1 FOR UPDATE SKIP LOCKED)`,
  };
}
