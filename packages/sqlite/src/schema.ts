import { WebhookConfigurationError } from '@hookline/core';

/** One row of the dedupe table as SQLite returns it. */
export interface Row {
  token: string | null;
  lease_expires_at: number | null;
  steps: string;
  done: number;
  expires_at: number;
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Checks a table name before it is written into SQL, because names cannot be bound parameters.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for anything but a plain name.
 */
export function checkTableName(origin: string, table: string): string {
  if (!identifier.test(table)) {
    throw new WebhookConfigurationError(
      `${origin}: table must be letters, digits and underscores (at most 63), got "${table}"`,
    );
  }
  return table;
}

/**
 * The table and its index. Times are milliseconds since the epoch. A row is leased while `token`
 * is set, done when `done` is 1, and otherwise records the steps of a failed attempt. Any row
 * whose `expires_at` has passed may be deleted.
 */
export function createTableSql(table: string): string {
  return `
CREATE TABLE IF NOT EXISTS "${table}" (
  key TEXT PRIMARY KEY NOT NULL,
  token TEXT,
  lease_expires_at INTEGER,
  steps TEXT NOT NULL DEFAULT '[]',
  done INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS "${table}_expires_at" ON "${table}" (expires_at);`;
}

/** The statements the store prepares once, by purpose. */
export function statementSql(table: string) {
  return {
    select: `SELECT token, lease_expires_at, steps, done, expires_at FROM "${table}" WHERE key = ?`,
    lease: `INSERT OR REPLACE INTO "${table}" (key, token, lease_expires_at, steps, done, expires_at)
      VALUES (?, ?, ?, ?, 0, ?)`,
    complete: `INSERT OR REPLACE INTO "${table}" (key, token, lease_expires_at, steps, done, expires_at)
      VALUES (?, NULL, NULL, '[]', 1, ?)`,
    releaseAll: `DELETE FROM "${table}" WHERE key = ? AND token = ?`,
    releaseSteps: `UPDATE "${table}" SET token = NULL, lease_expires_at = NULL, steps = ?,
      expires_at = ? WHERE key = ? AND token = ?`,
    cleanup: `DELETE FROM "${table}" WHERE key IN
      (SELECT key FROM "${table}" WHERE expires_at <= ? LIMIT ?)`,
  };
}
