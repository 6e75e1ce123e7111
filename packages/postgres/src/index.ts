export {
  type ClaimContext,
  createPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from './postgres-store.js';
export { createTableSql } from './schema.js';
