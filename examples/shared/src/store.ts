import { createMemoryStore, type IdempotencyStore } from '@hookline/core';
import { createPostgresStore } from '@hookline/postgres';
import { createRedisStore } from '@hookline/redis';
import { createSqliteStore } from '@hookline/sqlite';
import { Redis } from 'ioredis';
import pg from 'pg';

/** The SQLite file of the examples when no server is configured, relative to the working folder. */
export const defaultSqlitePath = './hookline-dedupe.sqlite';

type StoreKind = 'memory' | 'sqlite' | 'redis' | 'postgres';
const kinds: readonly StoreKind[] = ['memory', 'sqlite', 'redis', 'postgres'];

/**
 * Chooses the idempotency store of the examples from `env` and prints which one it chose. Every
 * example calls this one function, so the choice applies to all of them:
 *
 * - `REDIS_URL` set: Redis, shared by every instance.
 * - else `DATABASE_URL` set: PostgreSQL (table `hookline_dedupe`, created on first use).
 * - else a SQLite file, `HOOKLINE_SQLITE_PATH` or `./hookline-dedupe.sqlite`, which keeps handled
 *   ids across restarts.
 *
 * `HOOKLINE_STORE=memory|sqlite|redis|postgres` overrides that order. Under Vitest (`VITEST` set)
 * the default is the memory store, so that test runs never share handled ids through a server
 * that `REDIS_URL` or `DATABASE_URL` points at.
 * @throws {Error} when `HOOKLINE_STORE` names an unknown store, or the URL it needs is missing.
 */
export function createStoreFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
): IdempotencyStore {
  const kind = chooseKind(env);
  if (kind === 'redis') return openRedis(required(env, 'REDIS_URL'), print);
  if (kind === 'postgres') return openPostgres(required(env, 'DATABASE_URL'), print);
  if (kind === 'sqlite') {
    const path = env.HOOKLINE_SQLITE_PATH || defaultSqlitePath;
    print(`dedupe store: SQLite file ${path} (set REDIS_URL or DATABASE_URL to use a server)`);
    return createSqliteStore({ path });
  }
  const reason = env.HOOKLINE_STORE ? 'HOOKLINE_STORE=memory' : 'VITEST is set';
  print(`dedupe store: memory, because ${reason} (handled ids are lost on restart)`);
  return createMemoryStore();
}

function chooseKind(env: NodeJS.ProcessEnv): StoreKind {
  const forced = env.HOOKLINE_STORE;
  if (forced !== undefined && forced !== '') {
    if ((kinds as readonly string[]).includes(forced)) return forced as StoreKind;
    throw new Error(`HOOKLINE_STORE must be one of ${kinds.join(', ')}, got "${forced}"`);
  }
  if (env.VITEST !== undefined) return 'memory';
  if (env.REDIS_URL) return 'redis';
  if (env.DATABASE_URL) return 'postgres';
  return 'sqlite';
}

function required(env: NodeJS.ProcessEnv, name: 'REDIS_URL' | 'DATABASE_URL'): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new Error(`HOOKLINE_STORE=${env.HOOKLINE_STORE ?? ''} needs ${name}; set it`);
  }
  return value;
}

function openRedis(url: string, print: (line: string) => void): IdempotencyStore {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  // ioredis emits an error on every failed reconnect, so only a new message is printed.
  let lastMessage = '';
  client.on('error', (error: Error) => {
    if (error.message !== lastMessage) print(`dedupe store: Redis error: ${error.message}`);
    lastMessage = error.message;
  });
  client.on('ready', () => {
    lastMessage = '';
  });
  print(`dedupe store: Redis at ${redact(url)}`);
  return createRedisStore({ client, prefix: 'hookline-example:' });
}

function openPostgres(url: string, print: (line: string) => void): IdempotencyStore {
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 2_000,
    query_timeout: 5_000,
  });
  pool.on('error', (error) => print(`dedupe store: PostgreSQL error: ${error.message}`));
  print(`dedupe store: PostgreSQL at ${redact(url)}, table hookline_dedupe`);
  return createPostgresStore({ pool });
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
