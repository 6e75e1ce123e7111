import { randomUUID } from 'node:crypto';
import {
  type ClaimOptions,
  type ClaimResult,
  type CompleteOptions,
  type IdempotencyStore,
  type ReleaseOptions,
  WebhookConfigurationError,
} from '@hookline/core';
import Database from 'better-sqlite3';
import { checkTableName, createTableSql, type Row, statementSql } from './schema.js';

/** Options of {@link createSqliteStore}. Give `path` or `database`. */
export interface SqliteStoreOptions {
  /** The database file, created if missing. Processes that share the file share the dedupe. */
  path?: string;
  /**
   * An open better-sqlite3 database to use instead of `path`. The store creates its table in it
   * but leaves the journal mode and busy timeout as the caller set them, and does not close it.
   */
  database?: Database.Database;
  /** The table name. @default 'hookline_dedupe' */
  table?: string;
  /**
   * How long a write waits for another process's lock before it fails, in milliseconds. The
   * receiver then responds with 503. Used only with `path`. @default 5_000
   */
  busyTimeoutMs?: number;
  /**
   * SQLite's `synchronous` setting for a file opened with `path`. In WAL mode, `'NORMAL'` keeps
   * every commit across a process crash but may lose the last commits on a power loss, so an
   * event handled just before it may run again. `'FULL'` syncs every commit. @default 'NORMAL'
   */
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * At most how often a claim first deletes a batch of expired rows, in milliseconds; `0` turns
   * that off, so only {@link SqliteStore.cleanup} deletes them. @default 60_000
   */
  cleanupIntervalMs?: number;
}

/** A SQLite idempotency store. Its methods are synchronous. */
export interface SqliteStore extends IdempotencyStore {
  claim(key: string, options: ClaimOptions): ClaimResult;
  complete(key: string, token: string, options: CompleteOptions): void;
  release(key: string, token: string, options: ReleaseOptions): void;
  /** The database the store writes to. */
  readonly database: Database.Database;
  /** Deletes every row whose retention or lease has passed; returns how many were deleted. */
  cleanup(): number;
  /** Closes the database if the store opened it from `path`. */
  close(): void;
}

const cleanupBatch = 1_000;

/**
 * Creates an idempotency store in a SQLite file (WAL mode), shared by every process that opens
 * the same file on one machine. Claims run in `BEGIN IMMEDIATE` transactions, so of many
 * concurrent claims for one key exactly one wins.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` without `path` or `database`,
 *   or for an invalid table name or interval.
 * @throws {Error} better-sqlite3's error when the file cannot be opened.
 * @example
 * const store = createSqliteStore({ path: './hookline-dedupe.sqlite' });
 * const webhooks = createWebhooks({ scheme, store });
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const table = checkTableName('createSqliteStore', options.table ?? 'hookline_dedupe');
  const cleanupIntervalMs = checkInterval(options.cleanupIntervalMs ?? 60_000);
  const owned = options.database === undefined;
  const database = options.database ?? openFile(options);
  database.exec(createTableSql(table));

  const sql = statementSql(table);
  const select = database.prepare<[string], Row>(sql.select);
  const lease = database.prepare(sql.lease);
  const complete = database.prepare(sql.complete);
  const releaseAll = database.prepare(sql.releaseAll);
  const releaseSteps = database.prepare(sql.releaseSteps);
  const deleteExpired = database.prepare(sql.cleanup);
  let lastCleanup = Date.now();

  const claim = database.transaction((key: string, leaseMs: number): ClaimResult => {
    const time = Date.now();
    const row = select.get(key);
    const decision = decide(row, time);
    if (decision.state !== 'claimed') return decision;
    const token = randomUUID();
    const expiresAt = Math.max(decision.expiresAt, time + leaseMs);
    const steps = JSON.stringify(decision.completedSteps);
    lease.run(key, token, time + leaseMs, steps, expiresAt);
    return { state: 'claimed', token, completedSteps: decision.completedSteps };
  });

  function cleanupBatchDue(): void {
    if (cleanupIntervalMs === 0 || Date.now() - lastCleanup < cleanupIntervalMs) return;
    lastCleanup = Date.now();
    deleteExpired.run(lastCleanup, cleanupBatch);
  }

  return {
    database,
    claim(key: string, { leaseMs }: ClaimOptions): ClaimResult {
      cleanupBatchDue();
      return claim.immediate(key, leaseMs);
    },
    complete(key: string, _token: string, { retentionMs }: CompleteOptions): void {
      complete.run(key, Date.now() + retentionMs);
    },
    release(key: string, token: string, { completedSteps, retentionMs }: ReleaseOptions): void {
      if (completedSteps.length === 0) {
        releaseAll.run(key, token);
        return;
      }
      const steps = JSON.stringify(completedSteps);
      releaseSteps.run(steps, Date.now() + retentionMs, key, token);
    },
    cleanup(): number {
      let deleted = 0;
      for (;;) {
        const { changes } = deleteExpired.run(Date.now(), cleanupBatch);
        deleted += changes;
        if (changes < cleanupBatch) return deleted;
      }
    },
    close(): void {
      if (owned && database.open) database.close();
    },
  };
}

type Decision =
  | Exclude<ClaimResult, { state: 'claimed' }>
  | { state: 'claimed'; completedSteps: readonly string[]; expiresAt: number };

// Mirrors the memory store: a live lease blocks, a live done mark returns `completed`, and the
// steps of an earlier attempt carry over (those of an expired lease too, until its row is gone).
function decide(row: Row | undefined, time: number): Decision {
  const fresh = { state: 'claimed', completedSteps: [], expiresAt: 0 } as const;
  if (row === undefined) return fresh;
  if (row.done === 1) return row.expires_at > time ? { state: 'completed' } : fresh;
  if (row.token !== null) {
    const leaseEnd = row.lease_expires_at ?? 0;
    if (leaseEnd > time) return { state: 'in_progress', retryAfterMs: leaseEnd - time };
  } else if (row.expires_at <= time) {
    return fresh;
  }
  const completedSteps = JSON.parse(row.steps) as string[];
  return { state: 'claimed', completedSteps, expiresAt: row.expires_at };
}

function openFile(options: SqliteStoreOptions): Database.Database {
  if (options.path === undefined || options.path === '') {
    throw new WebhookConfigurationError(
      'createSqliteStore: missing `path`; pass a database file as `path` or an open database ' +
        'as `database`',
    );
  }
  const database = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5_000 });
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  return database;
}

function checkInterval(value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new WebhookConfigurationError(
      `createSqliteStore: cleanupIntervalMs must be a number ≥ 0, got ${String(value)}`,
    );
  }
  return value;
}
