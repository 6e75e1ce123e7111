export {
  createSqliteStore,
  type SqliteStore,
  type SqliteStoreOptions,
} from './sqlite-store.js';
export { createTableSql } from './schema.js';
