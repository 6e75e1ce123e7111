import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@hookline/sqlite';
import { describeStoreSuite } from './store-suite.js';

describeStoreSuite('sqlite store', () => {
  const folder = mkdtempSync(join(tmpdir(), 'hookline-sqlite-'));
  const store = createSqliteStore({ path: join(folder, 'dedupe.sqlite') });
  return {
    store,
    teardown: () => {
      store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});
