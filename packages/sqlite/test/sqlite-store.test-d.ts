import type { ClaimResult, IdempotencyStore } from '@hookline/core';
import { createSqliteStore, type SqliteStore } from '@hookline/sqlite';
import { expectTypeOf, it } from 'vitest';

it('types the SQLite store as a synchronous idempotency store', () => {
  expectTypeOf(createSqliteStore).returns.toEqualTypeOf<SqliteStore>();
  expectTypeOf<SqliteStore>().toExtend<IdempotencyStore>();
  expectTypeOf<SqliteStore['claim']>().returns.toEqualTypeOf<ClaimResult>();
  expectTypeOf<SqliteStore['cleanup']>().returns.toEqualTypeOf<number>();
});
