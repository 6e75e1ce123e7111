import { randomUUID } from 'node:crypto';
import { createPostgresStore } from '@hookline/postgres';
import pg from 'pg';
import { checkService, databaseUrl } from './services.js';
import { describeStoreSuite } from './store-suite.js';

const gate = await checkService('PostgreSQL', databaseUrl, async () => {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
});

describeStoreSuite(
  'postgres store',
  () => {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    const table = `hookline_test_${randomUUID().replaceAll('-', '')}`;
    const store = createPostgresStore({ pool, table });
    return {
      store,
      teardown: async () => {
        await store.close();
        await pool.query(`DROP TABLE IF EXISTS "${table}"`);
        await pool.end();
      },
    };
  },
  gate,
);
