import { randomUUID } from 'node:crypto';
import { createPostgresStore } from '@hookline/postgres';
import pg from 'pg';
import { databaseUrl, postgresGate } from './services.js';
import { describeStoreSuite } from './store-suite.js';

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
  await postgresGate(),
);
