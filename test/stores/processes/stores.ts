// The store settings a receiver process reads from its environment, one setup per store kind.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { databaseUrl, redisUrl } from '../services.js';

/** Environment for the receivers of one store, and how to remove what they wrote. */
export interface StoreSetup {
  env: Record<string, string>;
  teardown: () => Promise<void>;
}

/** Creates a temporary folder for a run log (and a SQLite file), removed by `remove`. */
export function tempFolder(): { folder: string; remove: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'hookline-processes-'));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Sets up a SQLite file in `folder`, shared by every receiver. */
export function sqliteSetup(folder: string): StoreSetup {
  return {
    env: { STORE_KIND: 'sqlite', SQLITE_PATH: join(folder, 'dedupe.sqlite') },
    teardown: async () => {},
  };
}

/** Sets up a unique key prefix on the Redis server at `url`, deleted afterwards. */
export function redisSetup(url = redisUrl): StoreSetup {
  const prefix = `hookline-process-test:${randomUUID()}:`;
  return {
    env: { STORE_KIND: 'redis', STORE_REDIS_URL: url, REDIS_PREFIX: prefix },
    teardown: async () => {
      const client = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        const keys = await client.keys(`${prefix}*`);
        if (keys.length > 0) await client.del(...keys);
      } finally {
        client.disconnect();
      }
    },
  };
}

/** Sets up a unique table in the test database, dropped afterwards. */
export function postgresSetup(): StoreSetup {
  const table = `hookline_process_${randomUUID().replaceAll('-', '')}`;
  return {
    env: { STORE_KIND: 'postgres', STORE_DATABASE_URL: databaseUrl, PG_TABLE: table },
    teardown: async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP TABLE IF EXISTS "${table}"`);
      } finally {
        await client.end();
      }
    },
  };
}
