import { randomUUID } from 'node:crypto';
import {
  type ClaimOptions,
  type ClaimResult,
  type CompleteOptions,
  type IdempotencyStore,
  type ReleaseOptions,
  WebhookConfigurationError,
} from '@hookline/core';
import type { ClientBase, Pool } from 'pg';
import { createTableSql, statementSql } from './schema.js';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /**
   * The `pg` pool to query through; the store never ends it. Give it `connectionTimeoutMillis`
   * and `query_timeout` (a few seconds), so that calls fail soon after the database stops
   * responding and the receiver responds with 503.
   */
  pool: Pool;
  /** The table, optionally schema-qualified (`webhooks.dedupe`). @default 'hookline_dedupe' */
  table?: string;
  /**
   * Whether the first call creates the table and its index if missing. Turn it off when
   * migrations run {@link createTableSql} ahead of time. @default true
   */
  createTable?: boolean;
  /**
   * How long {@link PostgresStore.completeWithin} remembers an event as done, in milliseconds.
   * The receiver passes its own `dedupe.retentionMs` to the other methods. @default 259_200_000
   */
  retentionMs?: number;
  /**
   * At most how often a claim starts deleting a batch of expired rows in the background, in
   * milliseconds; `0` turns that off, so only {@link PostgresStore.cleanup} deletes them.
   * @default 60_000
   */
  cleanupIntervalMs?: number;
}

/**
 * The field of a handler context that {@link PostgresStore.completeWithin} reads. The claim
 * token is not needed, because a completion counts even after the lease passed to another
 * attempt: the work ran.
 */
export interface ClaimContext {
  readonly dedupeKey: string | undefined;
}

/** A PostgreSQL idempotency store. */
export interface PostgresStore extends IdempotencyStore {
  claim(key: string, options: ClaimOptions): Promise<ClaimResult>;
  complete(key: string, token: string, options: CompleteOptions): Promise<void>;
  release(key: string, token: string, options: ReleaseOptions): Promise<void>;
  /**
   * Marks the event of `context` done through `client`, inside the transaction the handler has
   * open, so that its writes and the done mark commit or roll back together. The receiver's own
   * `complete` after the handler returns rewrites the same row and changes nothing. Returns
   * false, writing nothing, when the event has no dedupe key.
   */
  completeWithin(client: ClientBase, context: ClaimContext): Promise<boolean>;
  /** Deletes every row whose retention or lease has passed; returns how many were deleted. */
  cleanup(): Promise<number>;
  /** Waits for a background cleanup to finish. The pool stays open. */
  close(): Promise<void>;
}

const cleanupBatch = 1_000;
const claimAttempts = 5;

interface ClaimRow {
  state: 'claimed' | 'completed' | 'in_progress';
  steps: string[];
  retry_after_ms: number | null;
}

/**
 * Creates an idempotency store in one PostgreSQL table. A claim is one
 * `INSERT … ON CONFLICT … DO UPDATE … WHERE` statement, so of many concurrent claims for one key
 * exactly one wins, across any number of processes.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` without a pool, or for an
 *   invalid table name, retention or interval.
 * @example
 * const store = createPostgresStore({ pool: new pg.Pool({ connectionString }) });
 * const webhooks = createWebhooks({ scheme, store });
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const { pool } = options;
  if (typeof pool?.query !== 'function') {
    throw new WebhookConfigurationError(
      'createPostgresStore: `pool` must be a pg Pool, such as new pg.Pool({ connectionString })',
    );
  }
  const table = options.table ?? 'hookline_dedupe';
  const sql = statementSql(table);
  const retentionMs = checkNumber('retentionMs', options.retentionMs ?? 259_200_000, 1);
  const cleanupIntervalMs = checkNumber(
    'cleanupIntervalMs',
    options.cleanupIntervalMs ?? 60_000,
    0,
  );
  const ready = tableCreator(pool, options.createTable === false ? '' : createTableSql(table));
  let lastCleanup = Date.now();
  let cleaning: Promise<unknown> = Promise.resolve();

  async function deleteExpired(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const { rowCount } = await pool.query(sql.cleanup, [cleanupBatch]);
      deleted += rowCount ?? 0;
      if ((rowCount ?? 0) < cleanupBatch) return deleted;
    }
  }

  function startCleanupWhenDue(): void {
    if (cleanupIntervalMs === 0 || Date.now() - lastCleanup < cleanupIntervalMs) return;
    lastCleanup = Date.now();
    // A failed cleanup only delays deletion until the next interval, so its error is dropped.
    cleaning = pool.query(sql.cleanup, [cleanupBatch]).catch(() => undefined);
  }

  return {
    async claim(key: string, { leaseMs }: ClaimOptions): Promise<ClaimResult> {
      await ready();
      startCleanupWhenDue();
      return claim(pool, sql.claim, key, leaseMs);
    },
    async complete(key: string, _token: string, options: CompleteOptions): Promise<void> {
      await ready();
      await pool.query(sql.complete, [key, options.retentionMs]);
    },
    async release(key: string, token: string, options: ReleaseOptions): Promise<void> {
      await ready();
      const { completedSteps } = options;
      if (completedSteps.length === 0) await pool.query(sql.releaseAll, [key, token]);
      else {
        const values = [key, token, options.retentionMs, completedSteps];
        await pool.query(sql.releaseSteps, values);
      }
    },
    async completeWithin(client: ClientBase, context: ClaimContext): Promise<boolean> {
      if (context.dedupeKey === undefined) return false;
      await ready();
      await client.query(sql.complete, [context.dedupeKey, retentionMs]);
      return true;
    },
    async cleanup(): Promise<number> {
      await ready();
      return deleteExpired();
    },
    async close(): Promise<void> {
      await cleaning;
    },
  };
}

async function claim(pool: Pool, text: string, key: string, leaseMs: number) {
  const token = randomUUID();
  // The fallback SELECT reads the statement's snapshot. That snapshot misses a row that a
  // concurrent claim committed while this one waited on it, but the next statement reads it.
  for (let attempt = 1; attempt <= claimAttempts; attempt += 1) {
    const { rows } = await pool.query<ClaimRow>(text, [key, token, leaseMs]);
    const row = rows[0];
    if (row === undefined) continue;
    if (row.state === 'claimed') return { state: row.state, token, completedSteps: row.steps };
    if (row.state === 'completed') return { state: row.state };
    return { state: row.state, retryAfterMs: Math.max(1, row.retry_after_ms ?? 1) };
  }
  throw new Error(`Claim of a key found no row after ${claimAttempts} attempts; retry later`);
}

// Creates the table once per store. A failed attempt is forgotten so the next call retries,
// and a concurrent creation by another process (a unique violation on the catalog) counts as done.
function tableCreator(pool: Pool, migration: string): () => Promise<void> {
  let created: Promise<void> | undefined;
  return () => {
    if (migration === '') return Promise.resolve();
    created ??= pool.query(migration).then(
      () => undefined,
      (error: unknown) => {
        // Concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalog: as a unique
        // violation (23505), a duplicate table (42P07) or a duplicate row type (42710). Each
        // means another session created the table and committed, so it exists now.
        const code = (error as { code?: string }).code;
        if (code === '23505' || code === '42P07' || code === '42710') return;
        created = undefined;
        throw error;
      },
    );
    return created;
  };
}

function checkNumber(name: string, value: number, minimum: number): number {
  if (!Number.isFinite(value) || value < minimum) {
    throw new WebhookConfigurationError(
      `createPostgresStore: ${name} must be a number ≥ ${minimum}, got ${String(value)}`,
    );
  }
  return value;
}
