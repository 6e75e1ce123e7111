// Opens each store kind on fresh storage for the benchmark, and removes what it wrote after.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createMemoryStore, type IdempotencyStore } from '@hookline/core';
import { createPostgresStore } from '@hookline/postgres';
import { createRedisStore } from '@hookline/redis';
import { createSqliteStore } from '@hookline/sqlite';
import { Redis } from 'ioredis';
import pg from 'pg';

/** The stores the benchmark compares, in report order. */
export const storeKinds = ['memory', 'sqlite', 'redis', 'postgres'] as const;
export type StoreKind = (typeof storeKinds)[number];

/** Storage locations of the benchmark's stores. */
export interface BenchTargets {
  /** A temporary folder for SQLite files. */
  folder: string;
  /** A private redis-server started by the benchmark. */
  redisUrl: string;
  databaseUrl: string;
}

/** An open store and how to drop its data and connections. */
export interface OpenStore {
  store: IdempotencyStore;
  close(): Promise<void>;
}

/** Opens a store of `kind` on storage of its own: a new file, key prefix or table. */
export async function openStore(kind: StoreKind, targets: BenchTargets): Promise<OpenStore> {
  const unique = randomUUID().replaceAll('-', '').slice(0, 16);
  if (kind === 'memory') return { store: createMemoryStore(), close: async () => {} };
  if (kind === 'sqlite') {
    const store = createSqliteStore({ path: join(targets.folder, `ops-${unique}.sqlite`) });
    return { store, close: async () => store.close() };
  }
  if (kind === 'redis') {
    const client = new Redis(targets.redisUrl, { maxRetriesPerRequest: 1 });
    const store = createRedisStore({ client, prefix: `bench:${unique}:` });
    return { store, close: async () => void (await client.quit()) };
  }
  const pool = new pg.Pool({ connectionString: targets.databaseUrl, max: 8 });
  const table = `hookline_bench_${unique}`;
  const store = createPostgresStore({ pool, table });
  return {
    store,
    close: async () => {
      await store.close();
      await pool.query(`DROP TABLE IF EXISTS "${table}"`);
      await pool.end();
    },
  };
}
