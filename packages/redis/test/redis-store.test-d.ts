import type { ClaimResult, IdempotencyStore } from '@hookline/core';
import { createRedisStore, type RedisStore, type RedisStoreOptions } from '@hookline/redis';
import type { Cluster, Redis } from 'ioredis';
import { expectTypeOf, it } from 'vitest';

it('types the Redis store as an asynchronous idempotency store', () => {
  expectTypeOf(createRedisStore).returns.toEqualTypeOf<RedisStore>();
  expectTypeOf<RedisStore>().toExtend<IdempotencyStore>();
  expectTypeOf<RedisStore['claim']>().returns.toEqualTypeOf<Promise<ClaimResult>>();
});

it('accepts an ioredis client or Cluster', () => {
  expectTypeOf<Redis>().toExtend<RedisStoreOptions['client']>();
  expectTypeOf<Cluster>().toExtend<RedisStoreOptions['client']>();
});
