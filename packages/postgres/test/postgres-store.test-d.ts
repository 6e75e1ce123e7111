import type { ClaimResult, HandlerContext, IdempotencyStore } from '@hookline/core';
import { type ClaimContext, createPostgresStore, type PostgresStore } from '@hookline/postgres';
import type { PoolClient } from 'pg';
import { expectTypeOf, it } from 'vitest';

it('types the PostgreSQL store as an asynchronous idempotency store', () => {
  expectTypeOf(createPostgresStore).returns.toEqualTypeOf<PostgresStore>();
  expectTypeOf<PostgresStore>().toExtend<IdempotencyStore>();
  expectTypeOf<PostgresStore['claim']>().returns.toEqualTypeOf<Promise<ClaimResult>>();
});

it('completes within a pool client and a handler context', () => {
  expectTypeOf<HandlerContext>().toExtend<ClaimContext>();
  expectTypeOf<PoolClient>().toExtend<Parameters<PostgresStore['completeWithin']>[0]>();
});
